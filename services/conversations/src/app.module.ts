import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@omnibox/messaging';
import { objectStorageOptions, PlatformModule } from '@omnibox/platform';
import { GrpcHealthController } from '@omnibox/rpc';
import { AttachmentsModule } from './attachments.module';
import { CallsTimelineModule } from './calls-timeline.module';
import { ChannelsModule } from './channels.module';
import { ConversationsConfig } from './config';
import { ContactsSyncModule } from './contacts-sync.module';
import { ConversationsApiModule } from './conversations.module';
import { DeliveryModule } from './delivery.module';
import { IngestModule } from './ingest.module';
import { SnoozeModule } from './snooze.module';
import { ThreadsModule } from './threads.module';
import { InboxModule } from './inbox/inbox.module';

/** The conversations service: threads (one per contact), messages, comments, timeline events, assignment, snooze and the inbox views built from them. */
@Module({})
export class ConversationsModule {
  static forRoot(config: ConversationsConfig): DynamicModule {
    return {
      module: ConversationsModule,
      imports: [
        PlatformModule.forRoot({
          service: 'conversations',
          config,
          mongo: { url: config.MONGODB_URL, database: config.MONGODB_DATABASE, syncIndexes: config.MONGODB_SYNC_INDEXES === 'true', commandStats: config.MONGODB_COMMAND_STATS === 'true' },
          redis: { url: config.REDIS_URL },
          nats: { url: config.NATS_URL },
          storage: objectStorageOptions(config),
        }),
        MessagingModule.forRoot({ store: 'mongo' }),
        ThreadsModule,
        ConversationsApiModule,
        IngestModule,
        DeliveryModule,
        SnoozeModule,
        ContactsSyncModule,
        ChannelsModule,
        InboxModule,
        AttachmentsModule,
        CallsTimelineModule,
      ],
      controllers: [GrpcHealthController],
    };
  }
}
