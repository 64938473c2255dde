import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@omnibox/contracts';
import { EventBus } from '@omnibox/messaging';
import type { EventPublisher } from '../../application/ports';

/** Publishes straight to JetStream (event ids de-duplicate a repeated publish). */
@Injectable()
export class JetStreamEventPublisher implements EventPublisher {
  constructor(private readonly bus: EventBus) {}

  async publish(event: EventEnvelope): Promise<void> {
    await this.bus.publish(event);
  }
}
