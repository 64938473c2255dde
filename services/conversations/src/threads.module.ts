import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CHANNEL_MODEL, ChannelSchema, ChannelsReadModel } from '@omnibox/directory';
import { AttachmentReader } from './application/attachment-reader';
import { CallerThreads } from './application/caller-threads';
import { ContactSignals } from './application/contact-signals';
import { CopyIncomingMedia } from './application/copy-incoming-media';
import { InboundContacts } from './application/inbound-contacts';
import { OutgoingAttachments } from './application/outgoing-attachments';
import { OutgoingMessages } from './application/outgoing-messages';
import { ATTACHMENT_FILES, ATTACHMENTS, BROADCASTS, CHANNEL_ADAPTER, CHANNELS, CONTACTS, EVENT_PUBLISHER, PROVIDER_MEDIA, SNOOZE_SCHEDULE, THREADS, TIMELINE, TYPING } from './application/ports';
import { ThreadWriter } from './application/thread-writer';
import { WorkspaceChannels } from './application/workspace-channels';
import { GrpcContacts } from './adapters/grpc/contacts';
import { ChannelAdapters } from './adapters/channels/channel-adapters';
import { ChannelCredentialsReader } from './adapters/channels/channel-credentials';
import { SmtpAdapter } from './adapters/channels/smtp/smtp.adapter';
import { TelegramBotAdapter } from './adapters/channels/telegram-bot/telegram-bot.adapter';
import { WhatsAppCloudAdapter } from './adapters/channels/whatsapp-cloud/whatsapp-cloud.adapter';
import { HttpChannelAdapter } from './adapters/http/channel-adapter';
import { ATTACHMENT_MODEL, AttachmentSchema } from './adapters/mongo/attachments.schema';
import { AttachmentsRepository } from './adapters/mongo/attachments.repository';
import { BROADCAST_MODEL, BroadcastSchema } from './adapters/mongo/broadcasts.schema';
import { BroadcastsRepository } from './adapters/mongo/broadcasts.repository';
import { THREAD_MODEL, ThreadSchema } from './adapters/mongo/threads.schema';
import { ThreadsRepository } from './adapters/mongo/threads.repository';
import { TIMELINE_MODEL, TimelineSchema } from './adapters/mongo/timeline.schema';
import { TimelineRepository } from './adapters/mongo/timeline.repository';
import { JetStreamEventPublisher } from './adapters/nats/event-publisher';
import { RedisSnoozeSchedule } from './adapters/redis/snooze-schedule';
import { RedisTyping } from './adapters/redis/typing.store';
import { StorageAttachmentFiles } from './adapters/storage/attachment-files';
import { ContactsClient } from './adapters/grpc/contacts.client';

// InboundContacts: one per process, since ingest and contact events share what it knows of new contacts.
const SHARED = [ThreadWriter, CallerThreads, WorkspaceChannels, OutgoingMessages, OutgoingAttachments, AttachmentReader, CopyIncomingMedia, ContactSignals, InboundContacts];

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
      { name: ATTACHMENT_MODEL, schema: AttachmentSchema },
    ]),
  ],
  providers: [
    ThreadsRepository,
    ContactsClient,
    { provide: THREADS, useExisting: ThreadsRepository },
    { provide: TIMELINE, useClass: TimelineRepository },
    { provide: BROADCASTS, useClass: BroadcastsRepository },
    { provide: CHANNELS, useClass: ChannelsReadModel },
    { provide: CONTACTS, useClass: GrpcContacts },
    { provide: SNOOZE_SCHEDULE, useClass: RedisSnoozeSchedule },
    { provide: TYPING, useClass: RedisTyping },
    ChannelCredentialsReader,
    HttpChannelAdapter,
    WhatsAppCloudAdapter,
    TelegramBotAdapter,
    SmtpAdapter,
    ChannelAdapters,
    { provide: CHANNEL_ADAPTER, useExisting: ChannelAdapters },
    { provide: PROVIDER_MEDIA, useExisting: ChannelAdapters },
    { provide: EVENT_PUBLISHER, useClass: JetStreamEventPublisher },
    { provide: ATTACHMENTS, useClass: AttachmentsRepository },
    { provide: ATTACHMENT_FILES, useClass: StorageAttachmentFiles },
    ...SHARED,
  ],
  exports: [ThreadsRepository, THREADS, TIMELINE, BROADCASTS, CHANNELS, CONTACTS, SNOOZE_SCHEDULE, TYPING, CHANNEL_ADAPTER, ATTACHMENTS, ATTACHMENT_FILES, ...SHARED],
})
export class ThreadsModule {}
