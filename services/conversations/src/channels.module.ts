import { Module } from '@nestjs/common';
import { RecordChannel } from './application/record-channel';
import { ChannelEventsConsumer } from './adapters/nats/channel-events.consumer';
import { ThreadsModule } from './threads.module';

/** The channels read model: the workspace's channels, from the directory's events (and provider events, see IngestModule). */
@Module({
  imports: [ThreadsModule],
  providers: [RecordChannel, ChannelEventsConsumer],
  exports: [RecordChannel],
})
export class ChannelsModule {}
