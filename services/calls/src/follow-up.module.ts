import { Module } from '@nestjs/common';
import { AssignContact } from './application/assign-contact';
import { EndOverdueCalls } from './application/end-overdue-calls';
import { ProjectCall } from './application/project-call';
import { StoreRecording } from './application/store-recording';
import { CallEventsConsumer } from './adapters/nats/call-events.consumer';
import { OverdueCallsPoller } from './adapters/schedule/overdue-calls.poller';
import { CallsCoreModule } from './calls-core.module';

/**
 * What follows a call's changes: its call log row, the answering agent's assignment (CAL-3), the copy
 * of its recording (CAL-5), and its end at the maximum duration (CAL-2).
 */
@Module({
  imports: [CallsCoreModule],
  providers: [ProjectCall, AssignContact, StoreRecording, CallEventsConsumer, EndOverdueCalls, OverdueCallsPoller],
})
export class FollowUpModule {}
