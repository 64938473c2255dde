import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { connectElasticsearch, ElasticsearchHandle } from '../engines/elasticsearch';
import { configureMongoose, countMongoCommands, MONGOOSE_CONNECT_OPTIONS, mongoHealth } from '../engines/mongo';
import { connectNats, NatsHandle } from '../engines/nats';
import { connectRedis, RedisHandle } from '../engines/redis';
import { DependencyCheck } from '../health/health';
import { ObjectStorage, ObjectStorageOptions } from '../storage/object-storage';
import { DEPENDENCY_CHECKS, HealthController } from '../health/health.controller';
import { getLogger } from '../logging/logger';
import { MetricsController } from '../observability/http-observability';
import { startProcessMetrics } from '../observability/metrics';
import { startTracing } from '../observability/tracing';

export const CONFIG = Symbol('CONFIG');
export const REDIS = Symbol('REDIS');
export const NATS = Symbol('NATS');
export const ELASTICSEARCH = Symbol('ELASTICSEARCH');
/** The service's object store (`ObjectStorage`), when it keeps files. */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');
/** The mongoose connection's health check (the connection itself: `@InjectConnection()`). */
const MONGO_HEALTH = Symbol('MONGO_HEALTH');


export interface PlatformOptions {
  service: string;
  config: object;
  /** `syncIndexes`: make each collection's indexes those its schema declares, before the service starts (default true). */
  /** `commandStats`: count the commands sent, by command and collection, in `GET /metrics` (MONGODB_COMMAND_STATS). */
  mongo?: { url: string; database: string; syncIndexes?: boolean; commandStats?: boolean };
  redis?: { url: string };
  nats?: { url: string };
  elasticsearch?: { url: string };
  /** Serve `GET /metrics` beside the health endpoints (default true; the gateway serves it on an admin port instead). */
  metricsEndpoint?: boolean;
  /** Object storage over the S3 API (`objectStorageOptions(config)` from a WithObjectStorage config). */
  storage?: ObjectStorageOptions;
}

type Closable = { close(): Promise<void> };
const OPEN_HANDLES = Symbol('OPEN_HANDLES');
const SYNC_INDEXES = Symbol('SYNC_INDEXES');

/** Closes engine connections last, after consumers and servers have drained. */
@Injectable()
class EngineCloser implements OnApplicationShutdown {
  constructor(@Inject(OPEN_HANDLES) private readonly handles: Closable[]) {}
  async onApplicationShutdown() {
    await Promise.allSettled(this.handles.map((handle) => handle.close()));
  }
}

/**
 * Makes every collection's indexes the ones its schema declares (creating what is missing and
 * dropping what is no longer declared), once at start, before consumers and servers run. Models are
 * registered by then (`MongooseModule.forFeature` creates them with the providers). Indexes are never
 * built implicitly (`autoIndex` is off); MONGODB_SYNC_INDEXES=false leaves them to a migration job.
 */
@Injectable()
class IndexSync implements OnModuleInit {
  constructor(
    @Inject(getConnectionToken()) private readonly connection: Connection,
    @Inject(SYNC_INDEXES) private readonly enabled: boolean,
  ) {}

  async onModuleInit() {
    if (!this.enabled) return;
    await syncAllIndexes(this.connection);
  }
}

/** `syncIndexes` on every model of a connection; answers what changed, per collection. */
export async function syncAllIndexes(connection: Connection): Promise<Record<string, string[]>> {
  const dropped: Record<string, string[]> = {};
  for (const model of Object.values(connection.models)) {
    const removed = await model.syncIndexes();
    if (removed.length) dropped[model.collection.collectionName] = removed;
  }
  if (Object.keys(dropped).length) getLogger().info({ dropped }, 'indexes no longer declared by a schema were dropped');
  return dropped;
}

/**
 * The one way a service gets its config, engine connections and health endpoints. Only the engines a
 * service names are connected, and only they decide its readiness. MongoDB is reached through
 * mongoose (@nestjs/mongoose): feature modules register their schemas with `MongooseModule.forFeature`
 * and inject models into their repositories.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    startTracing(options.service);
    startProcessMetrics();
    const engineProviders: Provider[] = [];
    const tokens: Array<symbol> = [];
    const imports: DynamicModule[] = [];
    if (options.mongo) {
      const { url, database } = options.mongo;
      configureMongoose();
      // Created without waiting for the server: a service starts (and reports 503) while it is down.
      const commandStats = options.mongo.commandStats ? { monitorCommands: true, connectionFactory: countMongoCommands } : {};
      imports.push(MongooseModule.forRoot(url, { dbName: database, ...MONGOOSE_CONNECT_OPTIONS, lazyConnection: true, ...commandStats }));
      engineProviders.push(
        { provide: MONGO_HEALTH, inject: [getConnectionToken()], useFactory: (connection: Connection) => ({ health: mongoHealth(connection), close: async () => undefined }) },
        { provide: SYNC_INDEXES, useValue: options.mongo.syncIndexes ?? true },
        IndexSync,
      );
      tokens.push(MONGO_HEALTH);
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
    if (options.storage) {
      const storage = options.storage;
      engineProviders.push({ provide: OBJECT_STORAGE, useFactory: (): ObjectStorage => new ObjectStorage(storage) });
      tokens.push(OBJECT_STORAGE);
    }
    return {
      module: PlatformModule,
      global: true,
      imports,
      controllers: options.metricsEndpoint === false ? [HealthController] : [HealthController, MetricsController],
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
      exports: [CONFIG, DEPENDENCY_CHECKS, ...tokens.filter((token) => token !== MONGO_HEALTH)],
    };
  }
}
