import { Module } from '@nestjs/common';
import { ApplyDeliveryStatus } from './application/apply-delivery-status';
import { IncomingMessageSnapshot } from './application/incoming-message-snapshot';
import { IngestChannelEvent } from './application/ingest-channel-event';
import { IngestInboundMessage } from './application/ingest-inbound-message';
import { ProviderEventsConsumer } from './adapters/nats/provider-events.consumer';
import { ChannelsModule } from './channels.module';
import { ThreadsModule } from './threads.module';

/** Provider events the gateway accepted: incoming messages, channel events and delivery statuses. */
@Module({
  imports: [ThreadsModule, ChannelsModule],
  providers: [IncomingMessageSnapshot, IngestInboundMessage, IngestChannelEvent, ApplyDeliveryStatus, ProviderEventsConsumer],
})
export class IngestModule {}
