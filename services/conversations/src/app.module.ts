import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@omnibox/messaging';
import { PlatformModule } from '@omnibox/platform';
import { GrpcHealthController } from '@omnibox/rpc';
import { ConversationsConfig } from './config';
import { BroadcastWorker } from './conversations/broadcast.worker';
import { ContactEventsHandler } from './conversations/contact-events.handler';
import { ContactsClient } from './conversations/contacts.client';
import { ConversationsGrpcController } from './conversations/conversations.grpc';
import { ConversationsService } from './conversations/conversations.service';
import { ConversationsStore } from './conversations/conversations.store';
import { DeliveryWorker } from './conversations/delivery.worker';
import { IngestProviderEvents } from './conversations/ingest-provider-event';
import { SnoozeSchedule } from './conversations/snooze-schedule';
import { SnoozeWorker } from './conversations/snooze.worker';
import { ThreadsRepository } from './conversations/threads.repository';
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
          mongo: { url: config.MONGODB_URL, database: config.MONGODB_DATABASE, syncIndexes: config.MONGODB_SYNC_INDEXES === 'true' },
          redis: { url: config.REDIS_URL },
          nats: { url: config.NATS_URL },
        }),
        MessagingModule.forRoot({ store: 'mongo' }),
        InboxModule,
      ],
      controllers: [GrpcHealthController, ConversationsGrpcController],
      providers: [
        ConversationsStore,
        ThreadsRepository,
        ContactsClient,
        SnoozeSchedule,
        ConversationsService,
        IngestProviderEvents,
        ContactEventsHandler,
        DeliveryWorker,
        BroadcastWorker,
        SnoozeWorker,
      ],
    };
  }
}
