import { Module, Provider } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryReadModel, DirectoryReadModelModule } from '@omnibox/directory';
import { CreateCustomView } from './application/create-custom-view';
import { ConversationFinder } from './application/conversation-finder';
import { CustomViewChecks } from './application/custom-view-checks';
import { DeleteCustomView } from './application/delete-custom-view';
import { GetCustomView } from './application/get-custom-view';
import { GetSidebar } from './application/get-sidebar';
import { LightDots } from './application/light-dots';
import { ListConversations } from './application/list-conversations';
import { ListCustomViews } from './application/list-custom-views';
import { MarkViewSeen } from './application/mark-view-seen';
import { CONTACT_ATTRIBUTES, CUSTOM_VIEWS, DIRECTORY, INBOX_ROWS, NEW_MESSAGE_DOTS, OPEN_COUNTS, SIDEBAR_ANNOUNCER } from './application/ports';
import { ProjectContact } from './application/project-contact';
import { ProjectThread } from './application/project-thread';
import { RefreshCustomView } from './application/refresh-custom-view';
import { ThreadProjection } from './application/thread-projection';
import { UpdateCustomView } from './application/update-custom-view';
import { ViewAccess } from './application/view-access';
import { VisibleBlocked } from './application/visible-blocked';
import { InboxGrpcController } from './adapters/grpc/inbox.grpc';
import { MongoContactAttributes } from './adapters/mongo/contact-attributes.repository';
import { CUSTOM_INBOX_MODEL, CustomInboxSchema } from './adapters/mongo/custom-inboxes.schema';
import { MongoCustomViews } from './adapters/mongo/custom-views.repository';
import { CONTACT_ATTRIBUTES_MODEL, ContactAttributesSchema } from './adapters/mongo/inbox-contact-attributes.schema';
import { ContactAttributesConsumer } from './adapters/nats/contact-attributes.consumer';
import { JetStreamSidebarAnnouncer } from './adapters/nats/sidebar-announcer';
import { ThreadUpdatesConsumer } from './adapters/nats/thread-updates.consumer';
import { RedisInboxRows } from './adapters/redis/inbox-rows';
import { RedisNewMessageDots } from './adapters/redis/new-message-dots';
import { RedisOpenCounts } from './adapters/redis/open-counts';

/** The inbox's collections, each with its schema (adapters/mongo). */
export const INBOX_MODELS = MongooseModule.forFeature([
  { name: CONTACT_ATTRIBUTES_MODEL, schema: ContactAttributesSchema },
  { name: CUSTOM_INBOX_MODEL, schema: CustomInboxSchema },
]);

/** The read model's storage: what both the service and `npm run inbox:rebuild` need. */
export const INBOX_STORAGE: Provider[] = [
  { provide: INBOX_ROWS, useClass: RedisInboxRows },
  { provide: OPEN_COUNTS, useClass: RedisOpenCounts },
  { provide: CONTACT_ATTRIBUTES, useClass: MongoContactAttributes },
  ThreadProjection,
];

/**
 * The inbox (README.md beside this file): views, lists, open counts, dots and custom views, served on
 * the gRPC service `Inbox` and kept from conversation, contact and directory events.
 */
@Module({
  // The directory read model keeps the durable name and Redis keys the inbox has always used.
  imports: [INBOX_MODELS, DirectoryReadModelModule.forService('conversations-inbox', { durable: 'conversations-inbox-directory', cacheNamespace: 'conversations:inbox' })],
  controllers: [InboxGrpcController],
  providers: [
    ...INBOX_STORAGE,
    { provide: NEW_MESSAGE_DOTS, useClass: RedisNewMessageDots },
    { provide: CUSTOM_VIEWS, useClass: MongoCustomViews },
    { provide: DIRECTORY, useExisting: DirectoryReadModel },
    { provide: SIDEBAR_ANNOUNCER, useClass: JetStreamSidebarAnnouncer },
    ViewAccess,
    VisibleBlocked,
    ConversationFinder,
    CustomViewChecks,
    GetSidebar,
    ListConversations,
    MarkViewSeen,
    CreateCustomView,
    ListCustomViews,
    GetCustomView,
    UpdateCustomView,
    DeleteCustomView,
    RefreshCustomView,
    ProjectThread,
    ProjectContact,
    LightDots,
    ThreadUpdatesConsumer,
    ContactAttributesConsumer,
  ],
})
export class InboxModule {}
