import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { REDIS, RedisHandle, RedisScript } from '@omnibox/platform';
import type { PrincipalCache } from '../../application/ports';
import type { Principal } from '../../principal';

const TTL_SECONDS = 30;
const REDIS_BUDGET_MS = 100;

interface CachedPrincipal {
  principal: Principal;
  version: string;
}

// An entry is `<workspace id>\n<CachedPrincipal JSON>`, so one round trip reads it and its workspace's
// current directory version (the version key is derived from the entry, hence not among KEYS: this
// gateway uses one Redis, not a cluster). Answers nil, or {entry JSON, current version}.
const LOOKUP = new RedisScript(`
local entry = redis.call('GET', KEYS[1])
if not entry then return nil end
local workspace, json = string.match(entry, '^([^\\n]+)\\n(.*)$')
if not workspace then return nil end
return {json, redis.call('GET', ARGV[1] .. workspace) or '0'}
`);
const VERSION_PREFIX = 'gw:dirver:';

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
    return `${VERSION_PREFIX}${workspaceId}`;
  }

  private within<T>(operation: Promise<T>): Promise<T | undefined> {
    return Promise.race([operation.catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), REDIS_BUDGET_MS).unref())]);
  }

  async version(workspaceId: string): Promise<string | undefined> {
    const value = await this.within(this.handle.redis.get(this.versionKey(workspaceId)));
    return value === undefined ? undefined : (value ?? '0');
  }

  async get(token: string): Promise<Principal | undefined> {
    const found = (await this.within(LOOKUP.run(this.handle.redis, [this.tokenKey(token)], [VERSION_PREFIX]))) as [string, string] | null | undefined;
    if (!found) return undefined;
    const [json, current] = found;
    const cached = JSON.parse(json) as CachedPrincipal;
    return current === cached.version ? cached.principal : undefined;
  }

  async put(token: string, principal: Principal, version: string | undefined): Promise<void> {
    if (version === undefined) return;
    const entry: CachedPrincipal = { principal, version };
    await this.within(this.handle.redis.set(this.tokenKey(token), `${principal.scope.workspaceId}\n${JSON.stringify(entry)}`, 'EX', TTL_SECONDS));
  }

  async invalidate(workspaceId: string): Promise<void> {
    await this.within(this.handle.redis.incr(this.versionKey(workspaceId)));
  }
}
