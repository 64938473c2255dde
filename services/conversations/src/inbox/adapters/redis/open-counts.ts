import { Inject, Injectable } from '@nestjs/common';
import { REDIS, RedisHandle, RedisScript } from '@omnibox/platform';
import type { OpenCounts } from '../../application/ports';

/**
 * Moves a thread to its count bucket: the counts are a pure function of each thread's latest state,
 * so applying the same or an older snapshot again changes nothing (redelivery, late relays, rebuilds).
 * KEYS: counts hash, placements hash. ARGV: contact id, snapshot time, new bucket ('' = not counted).
 * Answers 1 when the counts changed.
 */
const PLACE = new RedisScript(`
local current = redis.call('HGET', KEYS[2], ARGV[1])
local at, bucket = '', ''
if current then
  local tab = string.find(current, '\\t', 1, true)
  at = string.sub(current, 1, tab - 1)
  bucket = string.sub(current, tab + 1)
end
if current and at > ARGV[2] then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '\\t' .. ARGV[3])
if bucket == ARGV[3] then return 0 end
if bucket ~= '' then redis.call('HINCRBY', KEYS[1], bucket, -1) end
if ARGV[3] ~= '' then redis.call('HINCRBY', KEYS[1], ARGV[3], 1) end
return 1
`);

/** `conversations:inbox:counts:<ws>`: open threads per (team, assignee) bucket, and blocked threads (INB-4, INB-5). */
const countsKey = (workspaceId: string) => `conversations:inbox:counts:${workspaceId}`;
/** `conversations:inbox:placed:<ws>`: each thread's bucket and the time of the snapshot that put it there. */
const placedKey = (workspaceId: string) => `conversations:inbox:placed:${workspaceId}`;

/** INB-5 open counts kept incrementally in Redis, never by scanning threads. */
@Injectable()
export class RedisOpenCounts implements OpenCounts {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  async place(workspaceId: string, contactId: string, snapshotAt: string, bucket: string): Promise<boolean> {
    return Number(await PLACE.run(this.handle.redis, [countsKey(workspaceId), placedKey(workspaceId)], [contactId, snapshotAt, bucket])) === 1;
  }

  async of(workspaceId: string): Promise<Record<string, number>> {
    const raw = await this.handle.redis.hgetall(countsKey(workspaceId));
    const counts: Record<string, number> = {};
    for (const [bucket, value] of Object.entries(raw)) if (Number(value) > 0) counts[bucket] = Number(value);
    return counts;
  }
}
