import { Inject, Injectable } from '@nestjs/common';
import type { ThreadSnapshot } from '@omnibox/contracts';
import { REDIS, RedisHandle, RedisScript } from '@omnibox/platform';
import type { InboxRows } from '../../application/ports';
import type { Position } from '../../domain/list-order';
import type { SeriesEntry } from '../../domain/list-series';
import type { InboxRow, RowAttributes } from '../../domain/list-rules';

/** Redis sorted set of an index series (members: contact ids, scores: sort times). */
const SERIES_PREFIX = 'conversations:inbox:idx:';
const seriesKey = (series: string) => `${SERIES_PREFIX}${series}`;
/**
 * Redis hash of a row as lists read it: `w` workspace, `t` thread snapshot (JSON), `a` contact
 * attributes (JSON), `u` the snapshot's `updatedAt`, `s` the series it is in (one per line).
 */
const rowKey = (contactId: string) => `conversations:inbox:row:${contactId}`;

/**
 * Moves a row to its new snapshot in one step, so two writers cannot interleave: ignores a snapshot
 * older than the stored one, leaves the series it is no longer in, joins (or re-scores) the others.
 * Answers 0 when ignored, 1 when written, 2 when written and the row has no attributes yet.
 * KEYS[1] row; ARGV: workspace, thread JSON, updatedAt, contact id, series prefix, then series/score pairs.
 */
const PROJECT_THREAD = new RedisScript(`
local stored = redis.call('HGET', KEYS[1], 'u')
if stored and stored > ARGV[3] then return 0 end
local now = {}
local names = {}
for i = 6, #ARGV, 2 do
  now[ARGV[i]] = true
  names[#names + 1] = ARGV[i]
  redis.call('ZADD', ARGV[5] .. ARGV[i], ARGV[i + 1], ARGV[4])
end
local old = redis.call('HGET', KEYS[1], 's')
if old then
  for name in string.gmatch(old, '[^\\n]+') do
    if not now[name] then redis.call('ZREM', ARGV[5] .. name, ARGV[4]) end
  end
end
redis.call('HSET', KEYS[1], 'w', ARGV[1], 't', ARGV[2], 'u', ARGV[3], 's', table.concat(names, '\\n'))
if redis.call('HEXISTS', KEYS[1], 'a') == 1 then return 1 end
return 2
`);

/**
 * The rows and ordered series of the inbox read model, in Redis: derived from events and rebuildable
 * from the threads (`npm run inbox:rebuild`). A thread update costs one Redis call and no MongoDB write.
 */
@Injectable()
export class RedisInboxRows implements InboxRows {
  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  private get redis() {
    return this.handle.redis;
  }

  async project(workspaceId: string, thread: ThreadSnapshot, series: SeriesEntry[]): Promise<'ignored' | 'written' | 'needs-attributes'> {
    const args = [workspaceId, JSON.stringify(thread), thread.updatedAt, thread.contactId, SERIES_PREFIX, ...series.flatMap((entry) => [entry.series, String(entry.score)])];
    const answer = Number(await PROJECT_THREAD.run(this.redis, [rowKey(thread.contactId)], args));
    return answer === 0 ? 'ignored' : answer === 1 ? 'written' : 'needs-attributes';
  }

  async setAttributes(contactId: string, attrs: RowAttributes, onlyIfMissing = false): Promise<void> {
    const key = rowKey(contactId);
    if (onlyIfMissing) await this.redis.hsetnx(key, 'a', JSON.stringify(attrs));
    else await this.redis.hset(key, 'a', JSON.stringify(attrs));
  }

  async rows(contactIds: string[]): Promise<Array<InboxRow | null>> {
    const pipeline = this.redis.pipeline();
    for (const id of contactIds) pipeline.hmget(rowKey(id), 'w', 't', 'a');
    const answers = (await pipeline.exec()) ?? [];
    return answers.map(([error, fields]) => {
      if (error) throw error;
      const [w, t, a] = fields as Array<string | null>;
      if (!w || !t) return null;
      return { workspaceId: w, thread: JSON.parse(t) as ThreadSnapshot, attrs: a ? (JSON.parse(a) as RowAttributes) : null };
    });
  }

  async next(series: string[], from: Position | null, count: number, descending: boolean): Promise<Position[][]> {
    const pipeline = this.redis.pipeline();
    for (const name of series) {
      if (descending) pipeline.zrevrangebyscore(seriesKey(name), from ? from.score : '+inf', '-inf', 'WITHSCORES', 'LIMIT', 0, count);
      else pipeline.zrangebyscore(seriesKey(name), from ? from.score : '-inf', '+inf', 'WITHSCORES', 'LIMIT', 0, count);
    }
    const answers = (await pipeline.exec()) ?? [];
    return answers.map(([error, flat]) => {
      if (error) throw error;
      const values = flat as string[];
      const entries: Position[] = [];
      for (let i = 0; i < values.length; i += 2) entries.push({ id: values[i], score: Number(values[i + 1]) });
      return entries;
    });
  }
}
