import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { outboundGuards } from '../net/outbound-guard';
import { IsEngineUrl } from './validators';

/** Settings every service shares. Services extend it with the engines they use and their ports. */
export class ServiceConfig {
  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * `production` (the default), or `development` (`npm start`) / `test` (the test suite), where
   * configured endpoints on loopback are allowed (stand-in providers run there) and address-wide rate
   * limits are loose enough for many workspaces and users created from 127.0.0.1.
   */
  @IsIn(['production', 'development', 'test'])
  DEPLOYMENT_PROFILE: 'production' | 'development' | 'test' = 'production';

  /**
   * Where endpoints an owner configures (a channel's `outboundUrl`, provider API bases, SMTP relays) and
   * files providers hand us may be on a non-public address in production: host names and CIDRs,
   * comma-separated (see libs/platform/src/net). Development and tests allow loopback anyway.
   */
  @Matches(/^[A-Za-z0-9.:,_-]*$/, { message: 'must be comma-separated host names' })
  OUTBOUND_ALLOW_HOSTS = '';

  @Matches(/^([0-9A-Fa-f.:]+\/\d{1,3}(,\s*[0-9A-Fa-f.:]+\/\d{1,3})*)?$/, { message: 'must be comma-separated CIDRs such as 10.1.0.0/16' })
  OUTBOUND_ALLOW_CIDRS = '';

  /** Address the HTTP server (health, and the public API for the gateway) binds to. */
  @IsString()
  HTTP_HOST = '127.0.0.1';

  /** Shared secret that signs the caller identity passed between gateway and services over gRPC. */
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  INTERNAL_SECRET: string;

  /**
   * While INTERNAL_SECRET is being rotated: the previous secret, still accepted on incoming calls (never
   * used to sign). Roll out the new secret as INTERNAL_SECRET with the old one here, then drop this.
   */
  @IsOptional()
  @MinLength(16, { message: 'must be at least 16 characters' })
  INTERNAL_SECRET_PREVIOUS?: string;

  @IsEngineUrl(['nats'])
  NATS_URL: string;

  /** JetStream stream holding the domain events; its subjects are `<EVENT_SUBJECT_PREFIX>.>`. */
  @Matches(/^[A-Z][A-Z0-9_]{0,31}$/, { message: 'must be upper case letters, digits and _' })
  EVENT_STREAM = 'INBOX';

  @Matches(/^[a-z][a-z0-9_-]{0,31}$/, { message: 'must be lower case letters, digits, _ and -' })
  EVENT_SUBJECT_PREFIX = 'inbox';
}

/** The outbound guards of a service's config (user-typed URLs, configured endpoints). */
export function outboundGuardsOf(config: ServiceConfig) {
  const list = (text: string) => text.split(',').map((entry) => entry.trim()).filter(Boolean);
  return outboundGuards({ profile: config.DEPLOYMENT_PROFILE, allowHosts: list(config.OUTBOUND_ALLOW_HOSTS), allowCidrs: list(config.OUTBOUND_ALLOW_CIDRS) });
}

/** The internal secrets a service accepts on incoming calls: the current one first, then the previous one. */
export function internalSecrets(config: ServiceConfig): string[] {
  return [config.INTERNAL_SECRET, ...(config.INTERNAL_SECRET_PREVIOUS ? [config.INTERNAL_SECRET_PREVIOUS] : [])];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

/** Adds the MongoDB connection settings to a config class. */
export function WithMongo<B extends Constructor>(Base: B) {
  class MongoSettings extends Base {
    @IsEngineUrl(['mongodb'])
    MONGODB_URL: string;

    @Matches(/^[A-Za-z0-9_-]{1,60}$/, { message: 'must be letters, digits, _ and - (at most 60)' })
    MONGODB_DATABASE: string;

    /** `false`: leave the indexes declared on the schemas to a migration job instead of syncing them at start. */
    @IsIn(['true', 'false'])
    MONGODB_SYNC_INDEXES = 'true';

    /** `true`: count the commands sent to MongoDB by command and collection in `GET /metrics` (benchmarks). */
    @IsIn(['true', 'false'])
    MONGODB_COMMAND_STATS = 'false';
  }
  return MongoSettings;
}

/** Adds the Redis connection setting to a config class. */
export function WithRedis<B extends Constructor>(Base: B) {
  class RedisSettings extends Base {
    @IsEngineUrl(['redis'])
    REDIS_URL: string;
  }
  return RedisSettings;
}

/** Adds the Elasticsearch connection setting to a config class. */
export function WithElasticsearch<B extends Constructor>(Base: B) {
  class ElasticsearchSettings extends Base {
    @IsEngineUrl(['http', 'https'])
    ELASTICSEARCH_URL: string;
  }
  return ElasticsearchSettings;
}

/** Ports of a backend service: HTTP for health, gRPC for the gateway's calls. */
export function WithServicePorts<B extends Constructor>(Base: B) {
  class ServicePorts extends Base {
    @IsInt()
    @Min(0)
    @Max(65535)
    HTTP_PORT: number;

    @IsString()
    GRPC_HOST = '127.0.0.1';

    @IsInt()
    @Min(0)
    @Max(65535)
    GRPC_PORT: number;
  }
  return ServicePorts;
}
