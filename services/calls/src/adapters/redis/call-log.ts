import { Inject, Injectable } from '@nestjs/common';
import { Batcher, REDIS, RedisHandle, RedisScript } from '@omnibox/platform';
import type { CallLog } from '../../application/ports';
import { CallLogRow, rowSeries } from '../../domain/call-log';
import type { Position } from '../../domain/call-log-order';

/** Redis sorted set of a call log series (members: call ids, scores: start times in ms). */
const SERIES_PREFIX = 'calls:log:idx:';
/** Redis hash of a call's row: `w` workspace, `r` row (JSON), `v` the call's version, `s` its series (one per line). */
const rowKey = (callId: string) => `calls:log:row:${callId}`;

/**
 * Moves a row to a version of its call in one step, so two writers cannot interleave: ignores an older
 * version, leaves the series the call is no longer in, joins (or re-scores) the others.
 * KEYS[1] row; ARGV: workspace, row JSON, version, call id, series prefix, then series/score pairs.
 */
const PROJECT = new RedisScript(`
local stored = redis.call('HGET', KEYS[1], 'v')
if stored and tonumber(stored) > tonumber(ARGV[3]) then return 0 end
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
redis.call('HSET', KEYS[1], 'w', ARGV[1], 'r', ARGV[2], 'v', ARGV[3], 's', table.concat(names, '\\n'))
return 1
`);

/**
 * The call logs' rows and ordered series, in Redis: derived from the calls (every write projects its
 * call; the `calls-log` consumer mends what a crash left) and rebuildable from them.
 */
@Injectable()
export class RedisCallLog implements CallLog {
  /** The calls-log consumer reads a row per call event: concurrent reads share one pipeline (one write to the socket, measured as much CPU as the read itself). */
  private readonly reading = new Batcher<string, CallLogRow | null>((_key, ids) => this.rows(ids), 200, 2);

  constructor(@Inject(REDIS) private readonly handle: RedisHandle) {}

  private get redis() {
    return this.handle.redis;
  }

  async project(row: CallLogRow, version: number): Promise<void> {
    const series = rowSeries(row);
    const args = [row.workspaceId, JSON.stringify(row), String(version), row.call.id, SERIES_PREFIX, ...series.flatMap((entry) => [entry.series, String(entry.score)])];
    await PROJECT.run(this.redis, [rowKey(row.call.id)], args);
  }

  async rows(ids: string[]): Promise<Array<CallLogRow | null>> {
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(rowKey(id), 'r');
    const answers = (await pipeline.exec()) ?? [];
    return answers.map(([error, row]) => {
      if (error) throw error;
      return row ? (JSON.parse(row as string) as CallLogRow) : null;
    });
  }

  row(id: string): Promise<CallLogRow | null> {
    return this.reading.request('', id);
  }

  async next(series: string[], from: Position | null, count: number): Promise<Position[][]> {
    const pipeline = this.redis.pipeline();
    for (const name of series) pipeline.zrevrangebyscore(`${SERIES_PREFIX}${name}`, from ? from.score : '+inf', '-inf', 'WITHSCORES', 'LIMIT', 0, count);
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
