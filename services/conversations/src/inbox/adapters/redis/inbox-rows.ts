import { Inject, Injectable } from '@nestjs/common';
import type { ThreadSnapshot } from '@omnibox/contracts';
import { REDIS, RedisHandle, RedisScript } from '@omnibox/platform';
import type { InboxRows, SeriesRead } from '../../application/ports';
import type { Position } from '../../domain/list-order';
import type { SeriesEntry } from '../../domain/list-series';
import type { RowAttributes } from '../../domain/list-rules';

/** Redis sorted set of an index series (members: contact ids, scores: sort times). */
const SERIES_PREFIX = 'conversations:inbox:idx:';
const seriesKey = (series: string) => `${SERIES_PREFIX}${series}`;
/**
 * Redis hash of a row as lists read it: `w` workspace, `t` thread snapshot (JSON), `a` contact
 * attributes (JSON), `u` the snapshot's `updatedAt`, `s` the series it is in (one per line).
 */
const ROW_PREFIX = 'conversations:inbox:row:';
const rowKey = (contactId: string) => `${ROW_PREFIX}${contactId}`;

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
 * The next entries of each series and the rows they name, in one step (one round trip, and rows as
 * they are when their series is read). KEYS: the series; ARGV: start score, count, '1' for descending,
 * the row key prefix. Answers the entries of each series (id, score, …), the contacts they name (each
 * once), and each contact's `w`, `t`, `a` fields (false when absent). Rows are read only up to the
 * horizon (the first score at which a full answer ends; past it a series may hold entries not read
 * yet, so the finder does not use them), so a view of many series reads about one page of rows.
 */
const READ_SERIES = new RedisScript(`
local count = tonumber(ARGV[2])
local descending = ARGV[3] == '1'
local answers = {}
local horizon = nil
for i = 1, #KEYS do
  local flat
  if descending then
    flat = redis.call('ZREVRANGEBYSCORE', KEYS[i], ARGV[1], '-inf', 'WITHSCORES', 'LIMIT', 0, count)
  else
    flat = redis.call('ZRANGEBYSCORE', KEYS[i], ARGV[1], '+inf', 'WITHSCORES', 'LIMIT', 0, count)
  end
  answers[i] = flat
  if #flat == 2 * count then
    local last = tonumber(flat[#flat])
    if horizon == nil or (descending and last > horizon) or (not descending and last < horizon) then horizon = last end
  end
end
local ids = {}
local seen = {}
for i = 1, #answers do
  local flat = answers[i]
  for j = 1, #flat, 2 do
    local score = tonumber(flat[j + 1])
    local within = horizon == nil or (descending and score >= horizon) or (not descending and score <= horizon)
    if within and not seen[flat[j]] then
      seen[flat[j]] = true
      ids[#ids + 1] = flat[j]
    end
  end
end
local fields = {}
for i = 1, #ids do
  fields[i] = redis.call('HMGET', ARGV[4] .. ids[i], 'w', 't', 'a')
end
return {answers, ids, fields}
`);

/** Parsed row snapshots kept per process; bounded so memory stays flat (bench:inbox: RSS 382 → 388 MiB). */
const PARSED_ROWS_KEPT = 5000;

/**
 * The rows and ordered series of the inbox read model, in Redis: derived from events and rebuildable
 * from the threads (`npm run inbox:rebuild`). A thread update costs one Redis call and no MongoDB write.
 */
@Injectable()
export class RedisInboxRows implements InboxRows {
  private readonly parsed = new Map<string, { json: string; thread: ThreadSnapshot }>();

  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  private get redis() {
    return this.handle.redis;
  }

  /**
   * A row's snapshot, parsed once for as long as its stored JSON stays the same: consecutive lists show
   * mostly the same rows, and parsing them was 7 % of the service's time under bench:inbox. Shared
   * between requests, so read-only. Kept in the order they were parsed, the oldest dropped past
   * PARSED_ROWS_KEPT.
   */
  private threadOf(contactId: string, json: string): ThreadSnapshot {
    const kept = this.parsed.get(contactId);
    if (kept?.json === json) return kept.thread;
    const thread = JSON.parse(json) as ThreadSnapshot;
    this.parsed.delete(contactId);
    this.parsed.set(contactId, { json, thread });
    if (this.parsed.size > PARSED_ROWS_KEPT) this.parsed.delete(this.parsed.keys().next().value as string);
    return thread;
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

  async read(series: string[], from: Position | null, count: number, descending: boolean): Promise<SeriesRead> {
    const start = from ? String(from.score) : descending ? '+inf' : '-inf';
    const [flats, ids, fields] = (await READ_SERIES.run(this.redis, series.map(seriesKey), [start, String(count), descending ? '1' : '0', ROW_PREFIX])) as [string[][], string[], Array<Array<string | null>>];
    const entries = flats.map((flat) => {
      const positions: Position[] = [];
      for (let i = 0; i < flat.length; i += 2) positions.push({ id: flat[i], score: Number(flat[i + 1]) });
      return positions;
    });
    const raw = new Map<string, Array<string | null>>();
    ids.forEach((id, i) => raw.set(id, fields[i]));
    return {
      entries,
      // Parsed only when the finder looks at it (an entry it has checked already is not looked at again).
      row: (contactId) => {
        const fields = raw.get(contactId);
        if (!fields) throw new Error(`inbox rows: the row of ${contactId} was not read with its series (it is past the horizon)`);
        const [w, t, a] = fields;
        if (!w || !t) return null;
        return { workspaceId: w, thread: this.threadOf(contactId, t), attrs: a ? (JSON.parse(a) as RowAttributes) : null };
      },
    };
  }
}
