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
import { RowAttributes, rowKeys } from './domain/inbox-list';
import { daysKey, InboxStore } from './inbox.store';

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
      handle: (event) => this.handle(event),
    });
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (ThreadUpdated.is(event)) return this.thread(event.workspaceId, event.data.thread);
    if (ContactCreated.is(event) || ContactUpdated.is(event) || ContactBlocked.is(event) || ContactUnblocked.is(event) || ContactMerged.is(event)) {
      const contact = event.data.contact;
      await this.store.rows.updateOne({ _id: contact.id }, { $set: { workspaceId: event.workspaceId, attrs: attributesOf(contact) } }, { upsert: true });
    }
  }

  /** Writes a thread's row; the days of its keys are recorded first, so a list never misses the row. */
  async thread(workspaceId: string, thread: ThreadSnapshot): Promise<void> {
    const row = await this.store.rows.findOne({ _id: thread.contactId }, { projection: { 'thread.updatedAt': 1 } });
    if (row?.thread && row.thread.updatedAt > thread.updatedAt) return;
    const keys = rowKeys(workspaceId, thread);
    if (keys.length) {
      const pipeline = this.store.redis.redis.pipeline();
      for (const { series, day } of keys) pipeline.zadd(daysKey(series), day, String(day));
      await pipeline.exec();
    }
    await this.store.rows.updateOne({ _id: thread.contactId }, { $set: { workspaceId, thread, keys: keys.map((entry) => entry.key) } }, { upsert: true });
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
