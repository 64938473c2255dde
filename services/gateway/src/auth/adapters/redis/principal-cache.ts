import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HIT_LUA, RateCounter, REDIS, RedisHandle, RedisScript } from '@omnibox/platform';
import type { CachedCaller, PrincipalCache } from '../../application/ports';
import type { Principal } from '../../principal';

const TTL_SECONDS = 30;
const REDIS_BUDGET_MS = 100;

// An entry is `<workspace id>\n<directory version>\n<principal id>\n<principal JSON>`, so one round trip
// checks it against its workspace's current directory version and, when a counter is given, counts the
// call on the caller's rate counter: every authenticated request costs one Redis round trip, not three
// (the derived keys are not among KEYS: the gateway uses one Redis, not a cluster). Answers nil, or
// {principal JSON} or {principal JSON, count, ttl}.
const LOOKUP = new RedisScript(`
local entry = redis.call('GET', KEYS[1])
if not entry then return nil end
local workspace, version, caller, json = string.match(entry, '^([^\\n]*)\\n([^\\n]*)\\n([^\\n]*)\\n(.*)$')
if not workspace or (redis.call('GET', ARGV[1] .. workspace) or '0') ~= version then return nil end
if ARGV[2] == '' then return {json} end
local rateKey, windowMs = ARGV[2] .. caller, ARGV[3]
${HIT_LUA}
return {json, count, ttl}
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

  async get(token: string, counter?: RateCounter): Promise<CachedCaller | undefined> {
    // A lookup past the budget counts as a miss; had it counted the call, the caller counts it again
    // (one call too many against the limit, never one too few).
    const args = counter ? [VERSION_PREFIX, counter.keyPrefix, counter.windowMs] : [VERSION_PREFIX, '', 0];
    const found = (await this.within(LOOKUP.run(this.handle.redis, [this.tokenKey(token)], args))) as [string, number?, number?] | null | undefined;
    if (!found) return undefined;
    const [json, count, ttlMs] = found;
    const principal = JSON.parse(json) as Principal;
    return count === undefined || ttlMs === undefined ? { principal } : { principal, calls: { count, ttlMs } };
  }

  async put(token: string, principal: Principal, version: string | undefined): Promise<void> {
    if (version === undefined) return;
    const entry = `${principal.scope.workspaceId}\n${version}\n${principal.scope.principalId}\n${JSON.stringify(principal)}`;
    await this.within(this.handle.redis.set(this.tokenKey(token), entry, 'EX', TTL_SECONDS));
  }

  async invalidate(workspaceId: string): Promise<void> {
    await this.within(this.handle.redis.incr(this.versionKey(workspaceId)));
  }
}
