import { Module } from '@nestjs/common';
import { IngestCallEvent } from './application/ingest-call-event';
import { IngestPermissionEvent } from './application/ingest-permission-event';
import { RecordChannel } from './application/record-channel';
import { ChannelEventsConsumer } from './adapters/nats/channel-events.consumer';
import { ProviderEventsConsumer } from './adapters/nats/provider-events.consumer';
import { CallsCoreModule } from './calls-core.module';

/** Provider call events the gateway accepted, and the channels read model (directory events and provider snapshots). */
@Module({
  imports: [CallsCoreModule],
  providers: [RecordChannel, IngestCallEvent, IngestPermissionEvent, ProviderEventsConsumer, ChannelEventsConsumer],
})
export class IngestModule {}
