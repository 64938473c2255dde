import { Module } from '@nestjs/common';
import { ApplyContactChanges } from './application/apply-contact-changes';
import { ContactEventsConsumer } from './adapters/nats/contact-events.consumer';
import { CallsCoreModule } from './calls-core.module';

/** Calls in step with their contacts: thread access (conversations events), details, block, deletion, merges (contacts events). */
@Module({
  imports: [CallsCoreModule],
  providers: [ApplyContactChanges, ContactEventsConsumer],
})
export class ContactsSyncModule {}
