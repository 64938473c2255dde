import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@omnibox/contracts';
import { EventBus } from '@omnibox/messaging';
import { dependencyUnavailable, getLogger } from '@omnibox/platform';
import type { ProviderEventLog } from '../../application/ports';

/**
 * Provider events go straight to JetStream, not through the outbox: nothing is written to MongoDB on
 * ingress, and the 202 means JetStream has the event. If NATS is down the provider gets 503 and retries.
 */
@Injectable()
export class JetStreamProviderEventLog implements ProviderEventLog {
  constructor(private readonly bus: EventBus) {}

  async append(event: EventEnvelope): Promise<void> {
    try {
      await this.bus.publish(event);
    } catch (error) {
      getLogger().warn({ err: error, channelId: event.aggregateId }, 'provider event not stored; the provider will retry');
      throw dependencyUnavailable('nats');
    }
  }
}
