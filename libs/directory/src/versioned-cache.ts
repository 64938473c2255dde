import { Inject, Injectable } from '@nestjs/common';
import { REDIS, RedisHandle } from '@omnibox/platform';

/** Prefix of a service's version keys in Redis (keeps services sharing a Redis apart). */
export const CACHE_NAMESPACE = Symbol('CACHE_NAMESPACE');

/**
 * Versions of what replicas keep in memory per workspace (the directory, the custom views): whoever
 * changes it bumps the version, and a reader compares its copy's version with Redis's (one GET, which
 * travels with the other reads of a request) before trusting it.
 */
@Injectable()
export class CacheVersions {
  constructor(
    @Inject(REDIS) private readonly handle: RedisHandle,
    @Inject(CACHE_NAMESPACE) private readonly namespace: string,
  ) {}

  /** `<namespace>:version:<what>:<ws>`, e.g. `conversations:inbox:version:directory:<ws>`. */
  private key(what: string, workspaceId: string): string {
    return `${this.namespace}:version:${what}:${workspaceId}`;
  }

  async current(what: string, workspaceId: string): Promise<string> {
    return (await this.handle.redis.get(this.key(what, workspaceId))) ?? '0';
  }

  async bump(what: string, workspaceId: string): Promise<void> {
    await this.handle.redis.incr(this.key(what, workspaceId));
  }
}

/**
 * A per-workspace copy kept in memory while its version holds (and at most `maxAgeMs`, in case a bump
 * was lost).
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; loadedAt: number; checkedAt: number; value: T }>();

  constructor(
    private readonly versions: CacheVersions,
    private readonly what: string,
    private readonly load: (workspaceId: string) => Promise<T>,
    private readonly maxAgeMs = 60_000,
  ) {}

  /** The workspace's value; `staleMs` accepts a copy checked that recently without asking Redis. */
  async get(workspaceId: string, staleMs = 0): Promise<T> {
    const cached = this.entries.get(workspaceId);
    const now = Date.now();
    if (cached && staleMs > 0 && now - cached.checkedAt < staleMs) return cached.value;
    const version = await this.versions.current(this.what, workspaceId);
    if (cached && cached.version === version && now - cached.loadedAt < this.maxAgeMs) {
      cached.checkedAt = now;
      return cached.value;
    }
    const value = await this.load(workspaceId);
    this.entries.set(workspaceId, { version, loadedAt: now, checkedAt: now, value });
    return value;
  }

  /** After a change this process made: bump the version so every replica reloads. */
  async changed(workspaceId: string): Promise<void> {
    await this.versions.bump(this.what, workspaceId);
  }
}
