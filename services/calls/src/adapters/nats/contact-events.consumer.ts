import { Injectable, OnModuleInit } from '@nestjs/common';
import { ContactBlocked, ContactCreated, ContactDeleted, ContactMerged, ContactUnblocked, ContactUpdated, EventEnvelope, ThreadAccessChanged } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { ApplyContactChanges } from '../../application/apply-contact-changes';

/**
 * What calls need of contacts, from two durables: `calls-threads` (the thread's access, from
 * `conversations.thread.access_changed`: VIS and the lists' assignee) and `calls-contacts`
 * (`contacts.contact.*`: details, block, deletion, merges). Both idempotent: an event older than what
 * is recorded changes nothing.
 */
@Injectable()
export class ContactEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly apply: ApplyContactChanges,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'calls-threads',
      filter: '*.conversations.thread.access_changed',
      concurrency: 8,
      processed: undefined,
      handle: async (event) => {
        if (ThreadAccessChanged.is(event)) await this.apply.access(event.workspaceId, event.data.contactId, event.data.access, event.data.at);
      },
    });
    this.registry.add({
      durable: 'calls-contacts',
      filter: '*.contacts.contact.>',
      // What a contact's calls list shows; a channel or a note added changes nothing here.
      types: [ContactCreated.type, ContactUpdated.type, ContactBlocked.type, ContactUnblocked.type, ContactDeleted.type, ContactMerged.type],
      concurrency: 8,
      processed: undefined,
      handle: (event) => this.contact(event),
    });
  }

  private async contact(event: EventEnvelope): Promise<void> {
    const at = event.occurredAt;
    if (ContactCreated.is(event)) {
      await this.apply.contact(event.workspaceId, event.data.contact, at, true);
    } else if (ContactUpdated.is(event) || ContactBlocked.is(event) || ContactUnblocked.is(event)) {
      await this.apply.contact(event.workspaceId, event.data.contact, at);
    } else if (ContactDeleted.is(event)) {
      await this.apply.deleted(event.workspaceId, event.data.contactId, at);
    } else if (ContactMerged.is(event)) {
      await this.apply.merged(event.workspaceId, event.data.contact, event.data.sourceContactId, at);
    }
  }
}
