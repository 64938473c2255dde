import { Injectable, OnModuleInit } from '@nestjs/common';
import { CallUpdated } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { NotifyMissedCall } from '../../application/notify-missed-call';

/**
 * Durable `notifications-calls`: the calls service's `calls.call.updated`, for missed calls (CAL-5).
 * Ids derived from the call, so a redelivery notifies once.
 */
@Injectable()
export class CallEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly missedCall: NotifyMissedCall,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'notifications-calls',
      filter: `*.${CallUpdated.type}`,
      types: [CallUpdated.type],
      concurrency: 8,
      backoffMs: 200,
      processed: undefined,
      handle: async (event) => {
        if (!CallUpdated.is(event)) return;
        const { call, changed, access, contactBlocked } = event.data;
        const actorId = event.actor?.kind === 'user' ? (event.actor.id ?? null) : null;
        await this.missedCall.execute({ workspaceId: event.workspaceId, eventId: event.id, occurredAt: event.occurredAt, actorId, call, changed, access, contactBlocked });
      },
    });
  }
}
