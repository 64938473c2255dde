import type Redis from 'ioredis';
import { rateLimited } from '../errors/app-error';
import { RedisScript } from '../engines/redis';

/** A limit: at most `limit` hits per `windowMs` for one key (an e-mail, an address, a token, a channel). */
export interface RateRule {
  /** Named in the 429 message and in the Redis key, e.g. `failed logins for this e-mail`. */
  name: string;
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Hits left in the current window. */
  remaining: number;
  /** Seconds until the window resets (0 when allowed). */
  retryAfterSeconds: number;
}

/** A rule's counters as a script of another adapter counts a hit on them (see `HIT_LUA`). */
export interface RateCounter {
  /** The counters' Redis key without the counted key (`RateLimiter.keyPrefix`). */
  keyPrefix: string;
  windowMs: number;
}

/** A hit counted elsewhere: the count it made and its window's remaining time. */
export interface RateHit {
  count: number;
  ttlMs: number;
}

/**
 * Lua that counts a hit on the key in `rateKey` for a window of `windowMs` milliseconds and sets `count`
 * and `ttl` (the window's remaining time): shared with scripts that count in their own round trip.
 */
export const HIT_LUA = `
local count = redis.call('INCR', rateKey)
if count == 1 then redis.call('PEXPIRE', rateKey, windowMs) end
local ttl = redis.call('PTTL', rateKey)
if ttl < 0 then redis.call('PEXPIRE', rateKey, windowMs); ttl = tonumber(windowMs) end
`;

// Counts a hit and answers the count and the window's remaining time, in one round trip.
const HIT = new RedisScript(`local rateKey, windowMs = KEYS[1], ARGV[1]
${HIT_LUA}
return {count, ttl}
`);

/**
 * Rate limits kept in Redis, so they hold across every replica of a service: a fixed window per rule
 * and key (one `INCR`, expiring with the window). `check` only reads, for limits that count failures
 * (a login is refused while an e-mail has too many failures, and only a failure counts).
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    /** Keeps the keys of different deployments (and test runs sharing a Redis) apart. */
    private readonly namespace: string,
  ) {}

  private key(rule: RateRule, key: string): string {
    return `${this.keyPrefix(rule)}${key}`;
  }

  /**
   * The Redis key of a rule's counters without the counted key, for a script of another adapter that
   * counts a hit in its own round trip (it must count as `HIT_LUA` does and answer `decisionOf`).
   */
  keyPrefix(rule: RateRule): string {
    return `rate:${this.namespace}:${rule.name.replace(/\s+/g, '-')}:`;
  }

  /** The decision for a hit that made the count `count`, its window ending in `ttlMs`. */
  decisionOf(rule: RateRule, count: number, ttlMs: number): RateDecision {
    const allowed = count <= rule.limit;
    return { allowed, remaining: Math.max(0, rule.limit - count), retryAfterSeconds: allowed ? 0 : ttlMs / 1000 };
  }

  /** Counts one hit; `allowed` is false from the hit that goes over the limit. */
  async hit(rule: RateRule, key: string): Promise<RateDecision> {
    const [count, ttl] = (await HIT.run(this.redis, [this.key(rule, key)], [rule.windowMs])) as [number, number];
    return this.decisionOf(rule, count, ttl);
  }

  /** Reads without counting. */
  async check(rule: RateRule, key: string): Promise<RateDecision> {
    const redisKey = this.key(rule, key);
    const [count, ttl] = await Promise.all([this.redis.get(redisKey), this.redis.pttl(redisKey)]);
    const used = Number(count ?? 0);
    const allowed = used < rule.limit;
    return { allowed, remaining: Math.max(0, rule.limit - used), retryAfterSeconds: allowed ? 0 : Math.max(ttl, 0) / 1000 };
  }

  /** Forgets a key's hits (e.g. failed logins after a successful one). */
  async reset(rule: RateRule, key: string): Promise<void> {
    await this.redis.del(this.key(rule, key));
  }

  /** Counts a hit and throws 429 with `Retry-After` when it goes over the limit. */
  async enforce(rule: RateRule, key: string): Promise<void> {
    const decision = await this.hit(rule, key);
    if (!decision.allowed) throw rateLimited(rule.name, decision.retryAfterSeconds);
  }

  /** Throws 429 when the key is already over the limit, without counting. */
  async assertUnder(rule: RateRule, key: string): Promise<void> {
    const decision = await this.check(rule, key);
    if (!decision.allowed) throw rateLimited(rule.name, decision.retryAfterSeconds);
  }
}
