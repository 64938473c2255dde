/**
 * TRANSITIONAL: the class the inbox and realtime folders inject today to read a workspace's directory
 * version. New code injects the `PRINCIPAL_CACHE` port (auth/application/ports.ts) instead.
 */
export { RedisPrincipalCache as PrincipalCache } from './adapters/redis/principal-cache';
