import { Inject, Injectable } from '@nestjs/common';
import { REDIS, RedisHandle } from '@omnibox/platform';

/**
 * Versions of what replicas keep in memory per workspace (the directory, settings, push
 * subscriptions): whoever changes it bumps the version, and a reader compares its copy's version with
 * Redis's (one GET) before trusting it, so a change is seen by the next event on every replica.
 */
@Injectable()
export class CacheVersions {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  /** `notifications:version:<what>:<ws>`. */
  private key(what: string, workspaceId: string): string {
    return `notifications:version:${what}:${workspaceId}`;
  }

  async current(what: string, workspaceId: string): Promise<string> {
    return (await this.handle.redis.get(this.key(what, workspaceId))) ?? '0';
  }

  async bump(what: string, workspaceId: string): Promise<void> {
    await this.handle.redis.incr(this.key(what, workspaceId));
  }
}

/** A per-workspace copy kept in memory while its version holds (and at most `maxAgeMs`, in case a bump was lost). */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; loadedAt: number; value: T }>();
  /** Loads under way, shared by the events that need the same workspace at once. */
  private readonly loading = new Map<string, Promise<T>>();

  constructor(
    private readonly versions: CacheVersions,
    private readonly what: string,
    private readonly load: (workspaceId: string) => Promise<T>,
    private readonly maxAgeMs = 60_000,
  ) {}

  async get(workspaceId: string): Promise<T> {
    const version = await this.versions.current(this.what, workspaceId);
    const cached = this.entries.get(workspaceId);
    if (cached && cached.version === version && Date.now() - cached.loadedAt < this.maxAgeMs) return cached.value;
    const key = `${workspaceId}|${version}`;
    let pending = this.loading.get(key);
    if (!pending) {
      const loadedAt = Date.now();
      pending = this.load(workspaceId).then((value) => {
        this.entries.set(workspaceId, { version, loadedAt, value });
        return value;
      });
      this.loading.set(key, pending);
      void pending.finally(() => this.loading.delete(key)).catch(() => undefined);
    }
    return pending;
  }

  /** After a change this process made: bump the version so every replica reloads. */
  async changed(workspaceId: string): Promise<void> {
    await this.versions.bump(this.what, workspaceId);
  }
}
