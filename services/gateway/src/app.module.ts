import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { MessagingModule } from '@omnibox/messaging';
import { PlatformModule } from '@omnibox/platform';
import { AuthGuard } from './auth/auth.guard';
import { PrincipalCache } from './auth/principal-cache';
import { IdempotencyInterceptor } from './common/idempotency.interceptor';
import { GatewayConfig } from './config';
import { ChannelsController } from './channels/channels.controller';
import { ChannelsService } from './channels/channels.service';
import { ContactsGatewayModule } from './contacts/contacts.module';
import { ConversationsController } from './conversations/conversations.controller';
import { ConversationsGateway } from './conversations/conversations.gateway';
import { DirectoryController } from './directory/directory.controller';
import { DirectoryService } from './directory/directory.service';
import { DirectoryStore } from './directory/directory.store';
import { CustomViewsStore } from './inbox/custom-views.store';
import { InboxConsumer } from './inbox/inbox.consumer';
import { InboxController } from './inbox/inbox.controller';
import { InboxGateway } from './inbox/inbox.gateway';
import { InboxState } from './inbox/inbox.state';
import { WorkspaceDirectory } from './inbox/workspace-directory';
import { RealtimeHub } from './realtime/realtime.hub';
import { RealtimePublisher } from './realtime/realtime.publisher';
import { SearchGatewayModule } from './search/search.module';

/** Inbox views, dots and counts, and the realtime WebSocket. */
const INBOX_PROVIDERS = [InboxState, WorkspaceDirectory, CustomViewsStore, InboxGateway, InboxConsumer, RealtimePublisher, RealtimeHub];

/** The gateway: the public API (API.md), authentication and the workspace directory. */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forRoot({
          service: 'gateway',
          config,
          mongo: { url: config.MONGODB_URL, database: config.MONGODB_DATABASE, syncIndexes: config.MONGODB_SYNC_INDEXES === 'true' },
          redis: { url: config.REDIS_URL },
          nats: { url: config.NATS_URL },
        }),
        MessagingModule.forRoot({ store: 'mongo' }),
        ContactsGatewayModule,
        SearchGatewayModule,
      ],
      controllers: [DirectoryController, ChannelsController, ConversationsController, InboxController],
      providers: [PrincipalCache, DirectoryStore, DirectoryService, ChannelsService, ConversationsGateway, ...INBOX_PROVIDERS, { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
    };
  }
}
