import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  ContactBlocked,
  ContactCreated,
  ContactMerged,
  ContactSnapshot,
  ContactUnblocked,
  ContactUpdated,
  EventEnvelope,
  ThreadSnapshot,
  ThreadUpdated,
} from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { ConversationsStore } from '../conversations/conversations.store';
import { stateOf } from '../conversations/threads.repository';
import { snapshotOf } from '../domain/thread';
import { RowAttributes, rowSeries } from './domain/inbox-list';
import { InboxStore, rowKey, seriesKey } from './inbox.store';

const attributesOf = (contact: ContactSnapshot): RowAttributes => ({
  tags: contact.tags ?? [],
  language: contact.language ?? null,
  countryCode: contact.countryCode ?? null,
  customFields: (contact.customFields ?? {}) as Record<string, unknown>,
});

/**
 * Keeps the inbox rows in step with thread and contact events. Events of one contact are handled one
 * after another (partitioned by aggregate), and a thread snapshot older than the row's is ignored, so
 * redelivery and a late relay of an old event change nothing: the row converges to the latest state.
 */
@Injectable()
export class InboxProjector implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly store: InboxStore,
    private readonly conversations: ConversationsStore,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'conversations-inbox',
      types: [ThreadUpdated.type, ContactCreated.type, ContactUpdated.type, ContactBlocked.type, ContactUnblocked.type, ContactMerged.type],
      concurrency: 16,
      // Idempotent by construction (older snapshots are ignored, writes are absolute).
      processed: undefined,
      handle: (event) => this.handle(event),
    });
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (ThreadUpdated.is(event)) return this.thread(event.workspaceId, event.data.thread);
    if (ContactCreated.is(event) || ContactUpdated.is(event) || ContactBlocked.is(event) || ContactUnblocked.is(event) || ContactMerged.is(event)) {
      const contact = event.data.contact;
      const attrs = attributesOf(contact);
      const row = await this.store.rows.findOne({ _id: contact.id }, { projection: { thread: 1 } });
      await this.store.rows.updateOne({ _id: contact.id }, { $set: { workspaceId: event.workspaceId, attrs } }, { upsert: true });
      if (row?.thread) await this.store.redis.redis.set(rowKey(contact.id), JSON.stringify({ w: event.workspaceId, t: row.thread, a: attrs }));
    }
  }

  /**
   * Writes a thread's row and moves it between series. The Redis copy is written first, so a list
   * never finds a thread in a series without its row; the MongoDB row last, so a crash in between is
   * repaired when the event is redelivered.
   */
  async thread(workspaceId: string, thread: ThreadSnapshot): Promise<void> {
    const row = await this.store.rows.findOne({ _id: thread.contactId }, { projection: { 'thread.updatedAt': 1, series: 1, attrs: 1 } });
    if (row?.thread && row.thread.updatedAt > thread.updatedAt) return;
    const entries = rowSeries(workspaceId, thread);
    const now = new Set(entries.map((entry) => entry.series));
    const pipeline = this.store.redis.redis.pipeline();
    pipeline.set(rowKey(thread.contactId), JSON.stringify({ w: workspaceId, t: thread, a: row?.attrs ?? null }));
    for (const entry of entries) pipeline.zadd(seriesKey(entry.series), entry.score, thread.contactId);
    for (const old of row?.series ?? []) if (!now.has(old)) pipeline.zrem(seriesKey(old), thread.contactId);
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
    await this.store.rows.updateOne({ _id: thread.contactId }, { $set: { workspaceId, thread, series: [...now] } }, { upsert: true });
  }

  /** Rebuilds the rows of a workspace (or all) from the threads collection, e.g. after losing the read model. */
  async rebuild(workspaceId?: string): Promise<number> {
    let count = 0;
    for await (const doc of this.conversations.threads.find(workspaceId ? { workspaceId } : {}, { projection: { _outbox: 0 } })) {
      await this.thread(doc.workspaceId, snapshotOf(stateOf(doc)));
      count++;
    }
    return count;
  }
}
