import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ThreadSnapshot } from '@omnibox/contracts';
import { MONGO, MongoHandle, REDIS, RedisHandle, RedisScript } from '@omnibox/platform';
import { Collection } from 'mongodb';
import type { InboxRow, RowAttributes } from './domain/inbox-list';

/** Contact attributes for advanced filters, one document per contact (`_id` = contact id). */
export const INBOX_ATTRIBUTES = 'inbox_contact_attributes';

export interface ContactAttributesDoc {
  _id: string;
  workspaceId: string;
  attrs: RowAttributes;
}

/** Redis sorted set of an index series (members: contact ids, scores: sort times). */
export const seriesKey = (series: string) => `${SERIES_PREFIX}${series}`;
const SERIES_PREFIX = 'conversations:inbox:idx:';
/**
 * Redis hash of a row as lists read it: `w` workspace, `t` thread snapshot (JSON), `a` contact
 * attributes (JSON), `u` the snapshot's `updatedAt`, `s` the series it is in (one per line).
 */
export const rowKey = (contactId: string) => `conversations:inbox:row:${contactId}`;

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
 * The inbox read model, derived from events and rebuildable from the `threads` collection
 * (`npm run inbox:rebuild`). Lists read Redis only: each thread is a member of a few ordered series
 * and has a row hash. The one durable part is the contact attributes of advanced filters (MongoDB),
 * which only contact events change, so the busy path (a thread update per message) never touches
 * MongoDB.
 */
@Injectable()
export class InboxStore implements OnModuleInit {
  readonly attributes: Collection<ContactAttributesDoc>;

  constructor(
    @Inject(MONGO) mongo: MongoHandle,
    @Inject(REDIS) readonly redis: RedisHandle,
  ) {
    this.attributes = mongo.db.collection(INBOX_ATTRIBUTES);
  }

  async onModuleInit() {
    await this.attributes.createIndex({ workspaceId: 1 });
  }

  /** Writes a row's thread and series (see PROJECT_THREAD); answers 'ignored', 'written' or 'needs-attributes'. */
  async projectThread(workspaceId: string, thread: ThreadSnapshot, series: Array<{ series: string; score: number }>): Promise<'ignored' | 'written' | 'needs-attributes'> {
    const args = [workspaceId, JSON.stringify(thread), thread.updatedAt, thread.contactId, SERIES_PREFIX, ...series.flatMap((entry) => [entry.series, String(entry.score)])];
    const answer = Number(await PROJECT_THREAD.run(this.redis.redis, [rowKey(thread.contactId)], args));
    return answer === 0 ? 'ignored' : answer === 1 ? 'written' : 'needs-attributes';
  }

  /** Sets a row's contact attributes; with `onlyIfMissing`, keeps attributes already there (written by a newer contact event). */
  async setAttributes(contactId: string, attrs: RowAttributes, onlyIfMissing = false): Promise<void> {
    const key = rowKey(contactId);
    if (onlyIfMissing) await this.redis.redis.hsetnx(key, 'a', JSON.stringify(attrs));
    else await this.redis.redis.hset(key, 'a', JSON.stringify(attrs));
  }

  /** The rows of these contacts, in order (null for a thread never projected). */
  async rows(contactIds: string[]): Promise<Array<InboxRow | null>> {
    const pipeline = this.redis.redis.pipeline();
    for (const id of contactIds) pipeline.hmget(rowKey(id), 'w', 't', 'a');
    const answers = (await pipeline.exec()) ?? [];
    return answers.map(([error, fields]) => {
      if (error) throw error;
      const [w, t, a] = fields as Array<string | null>;
      if (!w || !t) return null;
      return { workspaceId: w, thread: JSON.parse(t) as ThreadSnapshot, attrs: a ? (JSON.parse(a) as RowAttributes) : null };
    });
  }
}
