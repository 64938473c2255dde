import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CallerThreads } from './application/caller-threads';
import { OutgoingMessages } from './application/outgoing-messages';
import { BROADCASTS, CHANNEL_ADAPTER, CHANNELS, CONTACTS, EVENT_PUBLISHER, SNOOZE_SCHEDULE, THREADS, TIMELINE, TYPING } from './application/ports';
import { ThreadWriter } from './application/thread-writer';
import { WorkspaceChannels } from './application/workspace-channels';
import { GrpcContacts } from './adapters/grpc/contacts';
import { HttpChannelAdapter } from './adapters/http/channel-adapter';
import { BROADCAST_MODEL, BroadcastSchema } from './adapters/mongo/broadcasts.schema';
import { BroadcastsRepository } from './adapters/mongo/broadcasts.repository';
import { CHANNEL_MODEL, ChannelSchema } from './adapters/mongo/channels.schema';
import { ChannelsRepository } from './adapters/mongo/channels.repository';
import { THREAD_MODEL, ThreadSchema } from './adapters/mongo/threads.schema';
import { ThreadsRepository } from './adapters/mongo/threads.repository';
import { TIMELINE_MODEL, TimelineSchema } from './adapters/mongo/timeline.schema';
import { TimelineRepository } from './adapters/mongo/timeline.repository';
import { JetStreamEventPublisher } from './adapters/nats/event-publisher';
import { RedisSnoozeSchedule } from './adapters/redis/snooze-schedule';
import { RedisTyping } from './adapters/redis/typing.store';
import { ContactsClient } from './adapters/grpc/contacts.client';

const SHARED = [ThreadWriter, CallerThreads, WorkspaceChannels, OutgoingMessages];

/**
 * What every feature shares: the collections (one schema each), the engines' adapters behind the
 * application ports, and the thread writer every change of a thread goes through. `ThreadsRepository`
 * is exported as itself too, for the inbox read model's rebuild.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: THREAD_MODEL, schema: ThreadSchema },
      { name: TIMELINE_MODEL, schema: TimelineSchema },
      { name: BROADCAST_MODEL, schema: BroadcastSchema },
      { name: CHANNEL_MODEL, schema: ChannelSchema },
    ]),
  ],
  providers: [
    ThreadsRepository,
    ContactsClient,
    { provide: THREADS, useExisting: ThreadsRepository },
    { provide: TIMELINE, useClass: TimelineRepository },
    { provide: BROADCASTS, useClass: BroadcastsRepository },
    { provide: CHANNELS, useClass: ChannelsRepository },
    { provide: CONTACTS, useClass: GrpcContacts },
    { provide: SNOOZE_SCHEDULE, useClass: RedisSnoozeSchedule },
    { provide: TYPING, useClass: RedisTyping },
    { provide: CHANNEL_ADAPTER, useClass: HttpChannelAdapter },
    { provide: EVENT_PUBLISHER, useClass: JetStreamEventPublisher },
    ...SHARED,
  ],
  exports: [ThreadsRepository, THREADS, TIMELINE, BROADCASTS, CHANNELS, CONTACTS, SNOOZE_SCHEDULE, TYPING, CHANNEL_ADAPTER, ...SHARED],
})
export class ThreadsModule {}
