import { Injectable, OnModuleInit } from '@nestjs/common';
import { ContactChannelAdded, ContactCreated, EventEnvelope } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { ApplyContactEvent } from '../../application/apply-contact-event';

const DURABLE = 'conversations-contacts';

/**
 * `conversations-contacts`: every `contacts.contact.*` event, in order (names, block, channels, merge,
 * delete). A creation and a new channel are idempotent by construction (the thread and its channels
 * are looked at first), so they skip the handled-event bookkeeping: two round trips per event, four
 * per new contact, which a burst of new contacts cannot afford on a consumer that runs in order.
 */
@Injectable()
export class ContactEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly apply: ApplyContactEvent,
  ) {}

  onModuleInit() {
    this.registry.add({ durable: DURABLE, filter: '*.contacts.contact.>', processed: undefined, handle: (event) => this.handle(event) });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    if (ContactCreated.is(event) || ContactChannelAdded.is(event)) return this.apply.execute(event);
    const processed = this.registry.processedEvents;
    if (processed && (await processed.has(DURABLE, event.id))) return;
    await this.apply.execute(event);
    await processed?.remember(DURABLE, event.id);
  }
}
