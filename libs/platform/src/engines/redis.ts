import Redis from 'ioredis';
import { DependencyCheck } from '../health/health';

export interface RedisHandle {
  redis: Redis;
  health: DependencyCheck;
  close(): Promise<void>;
}

/** A Redis client that keeps reconnecting (capped back-off) while the engine is down. */
export function connectRedis(url: string): RedisHandle {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 2,
    connectTimeout: 3000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: false,
  });
  // Connection errors are reported by readiness; without a listener ioredis would print each retry.
  redis.on('error', () => undefined);
  return {
    redis,
    health: { name: 'redis', check: async () => void (await redis.ping()) },
    close: async () => {
      redis.disconnect();
    },
  };
}
