import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { connectElasticsearch, ElasticsearchHandle } from '../engines/elasticsearch';
import { connectMongo, MongoHandle } from '../engines/mongo';
import { connectNats, NatsHandle } from '../engines/nats';
import { connectRedis, RedisHandle } from '../engines/redis';
import { DependencyCheck } from '../health/health';
import { DEPENDENCY_CHECKS, HealthController } from '../health/health.controller';

export const CONFIG = Symbol('CONFIG');
export const MONGO = Symbol('MONGO');
export const REDIS = Symbol('REDIS');
export const NATS = Symbol('NATS');
export const ELASTICSEARCH = Symbol('ELASTICSEARCH');

export interface PlatformOptions {
  service: string;
  config: object;
  mongo?: { url: string; database: string };
  redis?: { url: string };
  nats?: { url: string };
  elasticsearch?: { url: string };
}

type Closable = { close(): Promise<void> };
const OPEN_HANDLES = Symbol('OPEN_HANDLES');

/** Closes engine connections last, after consumers and servers have drained. */
@Injectable()
class EngineCloser implements OnApplicationShutdown {
  constructor(@Inject(OPEN_HANDLES) private readonly handles: Closable[]) {}
  async onApplicationShutdown() {
    await Promise.allSettled(this.handles.map((handle) => handle.close()));
  }
}

/**
 * The one way a service gets its config, engine connections and health endpoints. Only the engines a
 * service names are connected, and only they decide its readiness.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const engineProviders: Provider[] = [];
    const tokens: symbol[] = [];
    if (options.mongo) {
      const { url, database } = options.mongo;
      engineProviders.push({ provide: MONGO, useFactory: (): MongoHandle => connectMongo(url, database) });
      tokens.push(MONGO);
    }
    if (options.redis) {
      const { url } = options.redis;
      engineProviders.push({ provide: REDIS, useFactory: (): RedisHandle => connectRedis(url) });
      tokens.push(REDIS);
    }
    if (options.nats) {
      const { url } = options.nats;
      engineProviders.push({ provide: NATS, useFactory: (): Promise<NatsHandle> => connectNats(url, options.service) });
      tokens.push(NATS);
    }
    if (options.elasticsearch) {
      const { url } = options.elasticsearch;
      engineProviders.push({ provide: ELASTICSEARCH, useFactory: (): ElasticsearchHandle => connectElasticsearch(url) });
      tokens.push(ELASTICSEARCH);
    }
    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController],
      providers: [
        { provide: CONFIG, useValue: options.config },
        ...engineProviders,
        {
          provide: DEPENDENCY_CHECKS,
          useFactory: (...handles: Array<{ health: DependencyCheck }>) => handles.map((handle) => handle.health),
          inject: tokens,
        },
        { provide: OPEN_HANDLES, useFactory: (...handles: Closable[]) => handles, inject: tokens },
        EngineCloser,
      ],
      exports: [CONFIG, DEPENDENCY_CHECKS, ...tokens],
    };
  }
}
