import { Module } from '@nestjs/common';
import { ApplyContactEvent } from './application/apply-contact-event';
import { MergeContactThreads } from './application/merge-contact-threads';
import { ContactEventsConsumer } from './adapters/nats/contact-events.consumer';
import { ThreadsModule } from './threads.module';

/** Threads in step with their contacts (contacts service events): names, block, channels, merge, delete. */
@Module({
  imports: [ThreadsModule],
  providers: [ApplyContactEvent, MergeContactThreads, ContactEventsConsumer],
})
export class ContactsSyncModule {}
