import { Injectable, OnModuleInit } from '@nestjs/common';
import { CallUpdated } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { RecordCall } from '../../application/record-call';

/** `conversations-calls`: the calls service's `calls.call.updated`, for `call` events on the timeline (CAL-5); one contact's in order. */
@Injectable()
export class CallEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly record: RecordCall,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'conversations-calls',
      filter: '*.calls.call.updated',
      concurrency: 8,
      // Idempotent by construction (RecordCall's redo key derives the entry's and the events' ids), as
      // the provider ingress: the processed-event find and insert were two of ~6 commands per call event.
      processed: undefined,
      partitionKey: (event) => (event.data as { call?: { contactId?: string } }).call?.contactId ?? event.aggregateId,
      handle: async (event) => {
        if (CallUpdated.is(event)) await this.record.execute(event.workspaceId, event.id, event.data.call, event.data.changed, event.data.contactBlocked);
      },
    });
  }
}
