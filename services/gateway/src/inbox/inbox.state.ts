import { Inject, Injectable } from '@nestjs/common';
import { BLOCKED_BUCKET, placementOf, ThreadSnapshot, countBucketOf } from '@omnibox/contracts';
import { REDIS, RedisHandle, RedisScript } from '@omnibox/platform';

/**
 * Moves a thread to its count bucket: the counts are a pure function of each thread's latest state,
 * so applying the same or an older snapshot again changes nothing (redelivery, late relays).
 * KEYS: counts hash, placements hash. ARGV: contact id, snapshot time, new bucket ('' = not counted).
 * Answers {moved (0/1), previous bucket}.
 */
const PLACE = new RedisScript(`
local current = redis.call('HGET', KEYS[2], ARGV[1])
local at, bucket = '', ''
if current then
  local tab = string.find(current, '\\t', 1, true)
  at = string.sub(current, 1, tab - 1)
  bucket = string.sub(current, tab + 1)
end
if current and at > ARGV[2] then return {0, bucket} end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '\\t' .. ARGV[3])
if bucket == ARGV[3] then return {0, bucket} end
if bucket ~= '' then redis.call('HINCRBY', KEYS[1], bucket, -1) end
if ARGV[3] ~= '' then redis.call('HINCRBY', KEYS[1], ARGV[3], 1) end
return {1, bucket}
`);

/**
 * The inbox sidebar state kept incrementally in Redis (never by scanning threads): open counts per
 * (team, assignee) bucket and blocked threads (INB-4, INB-5), and each user's new-message dots (INB-6).
 */
@Injectable()
export class InboxState {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  private get redis() {
    return this.handle.redis;
  }

  countsKey = (workspaceId: string) => `gw:inbox:counts:${workspaceId}`;
  placedKey = (workspaceId: string) => `gw:inbox:placed:${workspaceId}`;
  dotsKey = (workspaceId: string, userId: string) => `gw:inbox:dots:${workspaceId}:${userId}`;

  /** Places a thread in its bucket; answers whether the counts changed. */
  async place(workspaceId: string, thread: ThreadSnapshot): Promise<{ moved: boolean; previous: string; bucket: string }> {
    const bucket = countBucketOf(placementOf(thread));
    const [moved, previous] = (await PLACE.run(this.redis, [this.countsKey(workspaceId), this.placedKey(workspaceId)], [thread.contactId, thread.updatedAt, bucket])) as [number, string];
    return { moved: moved === 1, previous, bucket };
  }

  async counts(workspaceId: string): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.countsKey(workspaceId));
    const counts: Record<string, number> = {};
    for (const [bucket, value] of Object.entries(raw)) if (Number(value) > 0) counts[bucket] = Number(value);
    return counts;
  }

  blockedCount(counts: Record<string, number>): number {
    return counts[BLOCKED_BUCKET] ?? 0;
  }

  async lightDots(workspaceId: string, dots: Array<{ userId: string; view: string }>, at: string): Promise<void> {
    if (dots.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const dot of dots) pipeline.hset(this.dotsKey(workspaceId, dot.userId), dot.view, at);
    await pipeline.exec();
  }

  async dots(workspaceId: string, userId: string): Promise<Record<string, string>> {
    return this.redis.hgetall(this.dotsKey(workspaceId, userId));
  }

  async clearDot(workspaceId: string, userId: string, view: string): Promise<boolean> {
    return (await this.redis.hdel(this.dotsKey(workspaceId, userId), view)) > 0;
  }
}
