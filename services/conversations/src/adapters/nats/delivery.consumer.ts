import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MessageSendRequested } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { CONFIG } from '@omnibox/platform';
import { DeliverMessage } from '../../application/deliver-message';
import type { ConversationsConfig } from '../../config';

/**
 * Redeliveries before a send request is parked. Waiting behind an earlier message of the thread is a
 * redelivery too, so this is far above any budget: a message leaves the queue by being sent or failed
 * (DeliverMessage counts its attempts), not by running out of redeliveries.
 */
const MAX_REDELIVERIES = 100_000;

/**
 * `conversations-delivery`: `conversations.message.send_requested` only (never the far more frequent
 * incoming messages), 16 at a time, one thread's messages in order. A failed or waiting delivery is
 * redelivered after the delay DeliverMessage asks for (`DeliveryRetry.retryAfterMs`).
 */
@Injectable()
export class DeliveryConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly deliver: DeliverMessage,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {}

  onModuleInit() {
    const budget = { maxAttempts: this.config.DELIVERY_MAX_ATTEMPTS, backoffMs: this.config.DELIVERY_BACKOFF_MS };
    this.registry.add({
      durable: 'conversations-delivery',
      filter: `*.${MessageSendRequested.type}`,
      concurrency: 16,
      partitionKey: (event) => (event.data as { contactId?: string }).contactId ?? event.aggregateId,
      maxDeliveries: MAX_REDELIVERIES,
      backoffMs: this.config.DELIVERY_BACKOFF_MS,
      maxBackoffMs: 60_000,
      processed: undefined,
      handle: async (event) => {
        if (MessageSendRequested.is(event)) await this.deliver.execute(event.data.messageId, budget);
      },
    });
  }
}
