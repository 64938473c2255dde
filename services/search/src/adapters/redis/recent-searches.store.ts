import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { dependencyUnavailable, REDIS, RedisHandle } from '@omnibox/platform';
import type { RecentSearch, RecentSearchStore } from '../../application/ports';

/** How many recent searches each user keeps, and for how long after their last search. */
const RECENT_SEARCHES_KEPT = 20;
const KEPT_SECONDS = 90 * 24 * 3600;

/**
 * SRH-8: each user's recent searches, newest first, in Redis (shared, hot, small). One sorted set per
 * user: the member is the search (so repeating one moves it to the top instead of listing it twice),
 * the score its time.
 */
@Injectable()
export class RedisRecentSearches implements RecentSearchStore {
  constructor(@Inject(REDIS) private readonly redis: RedisHandle) {}

  private key(caller: CallerScope) {
    return `search:recent:${caller.workspaceId}:${caller.principalId}`;
  }

  async remember(caller: CallerScope, q: string, scope: string): Promise<void> {
    const key = this.key(caller);
    try {
      await this.redis.redis
        .multi()
        .zadd(key, Date.now(), JSON.stringify([scope, q]))
        .zremrangebyrank(key, 0, -(RECENT_SEARCHES_KEPT + 1))
        .expire(key, KEPT_SECONDS)
        .exec();
    } catch {
      // Remembering is a convenience: a search still answers while Redis is down.
    }
  }

  async list(caller: CallerScope): Promise<RecentSearch[]> {
    const flat = await this.redis.redis.zrevrange(this.key(caller), 0, RECENT_SEARCHES_KEPT - 1, 'WITHSCORES').catch(() => {
      throw dependencyUnavailable('redis');
    });
    const items: RecentSearch[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const [scope, q] = JSON.parse(flat[i]) as [string, string];
      items.push({ q, scope, at: new Date(Number(flat[i + 1])).toISOString() });
    }
    return items;
  }
}
