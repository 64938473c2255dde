import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MONGO, MongoHandle, REDIS, RedisHandle } from '@omnibox/platform';
import { Collection } from 'mongodb';
import type { InboxRow } from './domain/inbox-list';

export const INBOX_ROWS = 'inbox_rows';

/** Redis sorted set of an index series (members: contact ids, scores: sort times). */
export const seriesKey = (series: string) => `conversations:inbox:idx:${series}`;
/** Redis copy of a row as lists read it: `{w, t, a}` = workspace, thread snapshot, contact attributes. */
export const rowKey = (contactId: string) => `conversations:inbox:row:${contactId}`;

/**
 * The inbox read model. Durable rows in MongoDB (one per thread, `_id` = contact id: the thread as
 * events carry it, its contact's attributes for advanced filters, the series it is in), and their hot
 * copy in Redis: the ordered series and the rows as lists read them. Both are derived from events and
 * rebuildable (the Redis part from the rows, the rows from the threads collection).
 */
@Injectable()
export class InboxStore implements OnModuleInit {
  readonly rows: Collection<InboxRow>;

  constructor(
    @Inject(MONGO) mongo: MongoHandle,
    @Inject(REDIS) readonly redis: RedisHandle,
  ) {
    this.rows = mongo.db.collection(INBOX_ROWS);
  }

  async onModuleInit() {
    await this.rows.createIndex({ workspaceId: 1 });
  }
}
