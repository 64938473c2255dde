import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { REDIS, RedisHandle } from '@omnibox/platform';
import type { PrincipalCache } from '../../application/ports';
import type { Principal } from '../../principal';

const TTL_SECONDS = 30;
const REDIS_BUDGET_MS = 100;

interface CachedPrincipal {
  principal: Principal;
  version: string;
}

/**
 * Resolved callers kept in Redis so that a request costs no directory reads. Each workspace has a
 * directory version that every directory write bumps; an entry is used only while its version is
 * current, so a changed role, team, password or a revoked token takes effect on the next request.
 * Keys are hashes of the token, never the token. When Redis is slow or down, the cache is skipped.
 */
@Injectable()
export class RedisPrincipalCache implements PrincipalCache {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  private tokenKey(token: string): string {
    return `gw:auth:${createHash('sha256').update(token).digest('base64url')}`;
  }

  private versionKey(workspaceId: string): string {
    return `gw:dirver:${workspaceId}`;
  }

  private within<T>(operation: Promise<T>): Promise<T | undefined> {
    return Promise.race([operation.catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), REDIS_BUDGET_MS).unref())]);
  }

  async version(workspaceId: string): Promise<string | undefined> {
    const value = await this.within(this.handle.redis.get(this.versionKey(workspaceId)));
    return value === undefined ? undefined : (value ?? '0');
  }

  async get(token: string): Promise<Principal | undefined> {
    const raw = await this.within(this.handle.redis.get(this.tokenKey(token)));
    if (!raw) return undefined;
    const cached = JSON.parse(raw) as CachedPrincipal;
    const current = await this.version(cached.principal.scope.workspaceId);
    return current !== undefined && current === cached.version ? cached.principal : undefined;
  }

  async put(token: string, principal: Principal, version: string | undefined): Promise<void> {
    if (version === undefined) return;
    const entry: CachedPrincipal = { principal, version };
    await this.within(this.handle.redis.set(this.tokenKey(token), JSON.stringify(entry), 'EX', TTL_SECONDS));
  }

  async invalidate(workspaceId: string): Promise<void> {
    await this.within(this.handle.redis.incr(this.versionKey(workspaceId)));
  }
}
