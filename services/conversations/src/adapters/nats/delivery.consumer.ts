import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MessageSendRequested } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { CONFIG } from '@omnibox/platform';
import { DeliverMessage } from '../../application/deliver-message';
import type { ConversationsConfig } from '../../config';

/**
 * `conversations-delivery`: `conversations.message.send_requested` only (never the far more frequent
 * incoming messages), 16 at a time, one message's attempts in order. A failed attempt is redelivered
 * with exponential back-off (DELIVERY_BACKOFF_MS, doubling, at most 60 s) up to DELIVERY_MAX_ATTEMPTS.
 */
@Injectable()
export class DeliveryConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly deliver: DeliverMessage,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'conversations-delivery',
      filter: `*.${MessageSendRequested.type}`,
      concurrency: 16,
      partitionKey: (event) => (event.data as { messageId?: string }).messageId ?? event.id,
      maxDeliveries: this.config.DELIVERY_MAX_ATTEMPTS + 1,
      backoffMs: this.config.DELIVERY_BACKOFF_MS,
      maxBackoffMs: 60_000,
      processed: undefined,
      handle: async (event, { deliveries }) => {
        if (MessageSendRequested.is(event)) await this.deliver.execute(event.data.messageId, deliveries, this.config.DELIVERY_MAX_ATTEMPTS);
      },
    });
  }
}
