import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
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
import { ThreadsRepository } from '../adapters/mongo/threads.repository';
import { RowAttributes, rowSeries } from './domain/inbox-list';
import { InboxStore } from './inbox.store';

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
 * A thread update costs one Redis call and no MongoDB write.
 */
@Injectable()
export class InboxProjector implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly store: InboxStore,
    @Inject(ThreadsRepository) private readonly threads: Pick<ThreadsRepository, 'snapshots'>,
  ) {}

  onModuleInit() {
    // Two consumers, each reading only its own subjects (one filter per JetStream consumer): one
    // reading every event would be handed, and would skip, every provider event and message too.
    // Idempotent by construction (older snapshots are ignored, writes are absolute), and the two
    // may run in any order: attributes and thread are separate fields of a row.
    this.registry.add({
      durable: 'conversations-inbox',
      filter: `*.${ThreadUpdated.type}`,
      concurrency: 16,
      processed: undefined,
      handle: (event) => this.handle(event),
    });
    this.registry.add({
      durable: 'conversations-inbox-contacts',
      filter: '*.contacts.contact.>',
      types: [ContactCreated.type, ContactUpdated.type, ContactBlocked.type, ContactUnblocked.type, ContactMerged.type],
      concurrency: 4,
      processed: undefined,
      handle: (event) => this.handle(event),
    });
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (ThreadUpdated.is(event)) return this.thread(event.workspaceId, event.data.thread);
    if (ContactCreated.is(event) || ContactUpdated.is(event) || ContactBlocked.is(event) || ContactUnblocked.is(event) || ContactMerged.is(event)) {
      const contact = event.data.contact;
      const attrs = attributesOf(contact);
      // Durable first: a row rebuilt after Redis lost it takes its attributes from here.
      await this.store.attributes.updateOne({ _id: contact.id }, { $set: { workspaceId: event.workspaceId, attrs } }, { upsert: true });
      await this.store.setAttributes(contact.id, attrs);
    }
  }

  /**
   * Moves a thread's row to this snapshot (one atomic Redis step; an older snapshot changes nothing).
   * A row without contact attributes yet (a new thread, or a rebuild) takes them from MongoDB, unless
   * a contact event set newer ones meanwhile.
   */
  async thread(workspaceId: string, thread: ThreadSnapshot): Promise<void> {
    const outcome = await this.store.projectThread(workspaceId, thread, rowSeries(workspaceId, thread));
    if (outcome !== 'needs-attributes') return;
    const known = await this.store.attributes.findOne({ _id: thread.contactId }, { projection: { attrs: 1 } });
    if (known) await this.store.setAttributes(thread.contactId, known.attrs, true);
  }

  /** Rebuilds the rows of a workspace (or all) from the threads collection, e.g. after losing the read model. */
  async rebuild(workspaceId?: string): Promise<number> {
    let count = 0;
    for await (const row of this.threads.snapshots(workspaceId)) {
      await this.thread(row.workspaceId, row.thread);
      count++;
    }
    return count;
  }
}
