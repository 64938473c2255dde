import { Injectable, OnModuleInit } from '@nestjs/common';
import { CallAssignmentRequested, CallRecordingDelivered, CallUpdated } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { AssignContact } from '../../application/assign-contact';
import { ProjectCall } from '../../application/project-call';
import { StoreRecording } from '../../application/store-recording';

/**
 * The calls service's own events, each durable doing one job:
 * `calls-log` (`calls.call.updated`): the call log's row, in case the write's own projection was lost;
 * `calls-assignment` (`calls.call.assignment_requested`): CAL-3, the answering agent takes the contact;
 * `calls-recordings` (`calls.call.recording_delivered`): CAL-5, the provider's file into storage.
 */
@Injectable()
export class CallEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly project: ProjectCall,
    private readonly assign: AssignContact,
    private readonly store: StoreRecording,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'calls-log',
      filter: '*.calls.call.updated',
      concurrency: 16,
      processed: undefined,
      handle: async (event) => {
        if (CallUpdated.is(event)) await this.project.execute(event.data.call.id, event.data.call);
      },
    });
    this.registry.add({
      durable: 'calls-assignment',
      filter: '*.calls.call.assignment_requested',
      concurrency: 8,
      handle: async (event) => {
        if (CallAssignmentRequested.is(event)) await this.assign.execute(event.data.caller, event.data.contactId);
      },
    });
    this.registry.add({
      durable: 'calls-recordings',
      filter: '*.calls.call.recording_delivered',
      concurrency: 4,
      maxDeliveries: 6,
      backoffMs: 2000,
      handle: async (event) => {
        if (CallRecordingDelivered.is(event)) await this.store.execute(event.data.callId, event.data.url);
      },
    });
  }
}
