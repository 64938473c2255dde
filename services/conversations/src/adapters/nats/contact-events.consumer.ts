import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConsumerRegistry } from '@omnibox/messaging';
import { ApplyContactEvent } from '../../application/apply-contact-event';

/** `conversations-contacts`: every `contacts.contact.*` event, in order (names, block, channels, merge, delete). */
@Injectable()
export class ContactEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly apply: ApplyContactEvent,
  ) {}

  onModuleInit() {
    this.registry.add({ durable: 'conversations-contacts', filter: '*.contacts.contact.>', handle: (event) => this.apply.execute(event) });
  }
}
