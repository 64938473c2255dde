import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { PushRequested } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { CONFIG } from '@omnibox/platform';
import { SendPush } from '../../application/send-push';
import { pushLaneOf } from '../../domain/push';
import type { NotificationsConfig } from '../../config';

/**
 * Durable `notifications-push`: the push worker (NTF-2). It reads only `notifications.push.requested`,
 * so the consumers that decide notifications never wait for a push service. PUSH_CONCURRENCY pushes
 * at a time, a subscription's in a few lanes, one thread's in order (a subscription whose service hangs
 * holds only its lanes: `pushLaneOf`), each with a time limit; a push to retry comes back after its
 * Retry-After (or back-off), up to PUSH_MAX_ATTEMPTS. The push ledger makes a redelivered request a no-op.
 */
@Injectable()
export class PushRequestsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    private readonly sendPush: SendPush,
  ) {}

  onModuleInit() {
    const maxAttempts = this.config.PUSH_MAX_ATTEMPTS;
    this.registry.add({
      durable: 'notifications-push',
      filter: `*.${PushRequested.type}`,
      types: [PushRequested.type],
      concurrency: this.config.PUSH_CONCURRENCY,
      partitionKey: (event) => {
        const { subscriptionId, topic } = event.data as { subscriptionId: string; topic: string };
        return pushLaneOf(subscriptionId, topic);
      },
      // The worker gives up itself after its last attempt; the dead-letter stream is for what cannot be read.
      maxDeliveries: maxAttempts + 1,
      backoffMs: 1000,
      maxBackoffMs: 60_000,
      processed: undefined,
      handle: async (event, delivery) => {
        if (!PushRequested.is(event)) return;
        await this.sendPush.execute({ workspaceId: event.workspaceId, requestId: event.id, push: { id: event.id, ...event.data }, attempt: delivery.deliveries, maxAttempts });
      },
    });
  }
}
