import { Injectable, OnModuleInit } from '@nestjs/common';
import { CallUpdated, EventEnvelope } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { RealtimePublisher } from './realtime.publisher';

/**
 * `call.updated` frames (API.md "Calls"): every `calls.call.updated` event, once for all gateway
 * replicas (durable `gateway-calls`), published with the access of the contact's thread that the event
 * carries, so each replica sends it only to users who may see that thread (VIS-4; a blocked contact's
 * calls only to users allowed to see blocked contacts). The frame is the call without its phone number.
 */
@Injectable()
export class CallFramesConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly publisher: RealtimePublisher,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'gateway-calls',
      filter: '*.calls.call.updated',
      concurrency: 16,
      backoffMs: 200,
      // Frames carry the event id, so a redelivery repeats a frame and needs no bookkeeping round trips.
      processed: undefined,
      handle: (event) => this.handle(event),
    });
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!CallUpdated.is(event)) return;
    const { call, access, contactBlocked } = event.data;
    await this.publisher.publish({
      id: event.id,
      workspaceId: event.workspaceId,
      occurredAt: event.occurredAt,
      type: 'call.updated',
      thread: null,
      audience: { ...access, contact: { blocked: contactBlocked } },
      data: { ...call, contact: call.contact ? { ...call.contact, phone: null } : { id: call.contactId, firstName: '', lastName: null, phone: null } },
    });
  }
}
