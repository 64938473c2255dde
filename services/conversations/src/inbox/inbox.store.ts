import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MONGO, MongoHandle, REDIS, RedisHandle } from '@omnibox/platform';
import { Collection } from 'mongodb';
import type { InboxRow } from './domain/inbox-list';

export const INBOX_ROWS = 'inbox_rows';

/** Redis key of the days a series (index key without its day) has rows on. */
export const daysKey = (series: string) => `conversations:inbox:days:${series}`;

/**
 * The inbox read model: one row per thread (`_id` = contact id) with the thread as events carry it,
 * its contact's attributes for advanced filters, and its index keys; plus, in Redis, the days each
 * index series has rows on, so a list knows which days to read.
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
    await Promise.all([this.rows.createIndex({ keys: 1 }), this.rows.createIndex({ workspaceId: 1 })]);
  }
}
