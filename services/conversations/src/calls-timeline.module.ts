import { Module } from '@nestjs/common';
import { RecordCall } from './application/record-call';
import { CallEventsConsumer } from './adapters/nats/call-events.consumer';
import { ThreadsModule } from './threads.module';

/** Calls on the conversation timeline (CAL-5): the calls service's events become `call` timeline events. */
@Module({
  imports: [ThreadsModule],
  providers: [RecordCall, CallEventsConsumer],
})
export class CallsTimelineModule {}
