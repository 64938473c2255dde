import { Injectable, OnModuleInit } from '@nestjs/common';
import { MessageCreated } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { LightDots } from '../../application/light-dots';

/**
 * Durable `conversations-inbox-dots`: incoming messages light new-message dots (INB-6). Reads only
 * `conversations.message.created`; a dot set twice is one dot, so no per-event bookkeeping.
 */
@Injectable()
export class IncomingMessagesConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly lightDots: LightDots,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'conversations-inbox-dots',
      filter: `*.${MessageCreated.type}`,
      // Each handler waits for the sidebar announcement it joins (up to GATHER_MS), so more run at once.
      concurrency: 32,
      backoffMs: 200,
      processed: undefined,
      handle: async (event, delivery) => {
        if (!MessageCreated.is(event)) return;
        const { workspaceId, id: eventId, occurredAt } = event;
        await this.lightDots.execute({ workspaceId, eventId, occurredAt, message: event.data.message, thread: event.data.thread, redelivered: delivery.deliveries > 1 });
      },
    });
  }
}
