import { Injectable, OnModuleInit } from '@nestjs/common';
import { ContactBlocked, ContactCreated, ContactMerged, ContactSnapshot, ContactUnblocked, ContactUpdated, EventEnvelope } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { ProjectContact } from '../../application/project-contact';

const CONTACT_EVENTS = [ContactCreated, ContactUpdated, ContactBlocked, ContactUnblocked, ContactMerged];

/**
 * Durable `conversations-inbox-contacts`: contact events carry the attributes advanced filters read.
 * Runs in any order with `conversations-inbox`: attributes and thread are separate fields of a row.
 */
@Injectable()
export class ContactAttributesConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly projectContact: ProjectContact,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'conversations-inbox-contacts',
      filter: '*.contacts.contact.>',
      types: CONTACT_EVENTS.map((definition) => definition.type),
      concurrency: 4,
      processed: undefined,
      handle: async (event) => {
        const contact = contactOf(event);
        if (contact) await this.projectContact.execute(event.workspaceId, contact, ContactCreated.is(event));
      },
    });
  }
}

function contactOf(event: EventEnvelope): ContactSnapshot | null {
  const definition = CONTACT_EVENTS.find((candidate) => candidate.is(event));
  return definition ? (event.data as { contact: ContactSnapshot }).contact : null;
}
