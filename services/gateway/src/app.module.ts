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
import { ContactsClient } from './contacts/contacts.client';
import { ContactsController } from './contacts/contacts.controller';
import { ContactsGateway } from './contacts/contacts.gateway';
import { ConversationsController } from './conversations/conversations.controller';
import { ConversationsGateway } from './conversations/conversations.gateway';
import { DirectoryController } from './directory/directory.controller';
import { DirectoryService } from './directory/directory.service';
import { DirectoryStore } from './directory/directory.store';
import { InboxModule } from './inbox/inbox.module';
import { SearchGatewayModule } from './search/search.module';

/** The gateway: the public API (API.md), authentication and the workspace directory. */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      // The realtime hub (InboxModule) authenticates sockets as the guard does, with the same providers.
      global: true,
      exports: [DirectoryService, PrincipalCache],
      imports: [
        PlatformModule.forRoot({
          service: 'gateway',
          config,
          mongo: { url: config.MONGODB_URL, database: config.MONGODB_DATABASE, syncIndexes: config.MONGODB_SYNC_INDEXES === 'true' },
          redis: { url: config.REDIS_URL },
          nats: { url: config.NATS_URL },
        }),
        MessagingModule.forRoot({ store: 'mongo' }),
        SearchGatewayModule,
        InboxModule,
      ],
      controllers: [DirectoryController, ContactsController, ChannelsController, ConversationsController],
      providers: [PrincipalCache, DirectoryStore, DirectoryService, ContactsClient, ContactsGateway, ChannelsService, ConversationsGateway, { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
    };
  }
}
