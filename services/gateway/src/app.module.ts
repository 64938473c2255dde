import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@omnibox/messaging';
import { objectStorageOptions, PlatformModule } from '@omnibox/platform';
import { AttachmentsGatewayModule } from './attachments/attachments.module';
import { AuthModule } from './auth/auth.module';
import { CallsGatewayModule } from './calls/calls.module';
import { ChannelsModule } from './channels/channels.module';
import { CommonModule } from './common/common.module';
import { GatewayConfig } from './config';
import { ContactsGatewayModule } from './contacts/contacts.module';
import { ConversationsGatewayModule } from './conversations/conversations.module';
import { DirectoryModule } from './directory/directory.module';
import { DirectoryStorageModule } from './directory/directory-storage.module';
import { InboxModule } from './inbox/inbox.module';
import { NotificationsGatewayModule } from './notifications/notifications.module';
import { SearchGatewayModule } from './search/search.module';

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
          // Metrics go on the admin port (GATEWAY_METRICS_PORT), never on the public API.
          metricsEndpoint: false,
          mongo: { url: config.MONGODB_URL, database: config.MONGODB_DATABASE, syncIndexes: config.MONGODB_SYNC_INDEXES === 'true', commandStats: config.MONGODB_COMMAND_STATS === 'true' },
          redis: { url: config.REDIS_URL },
          nats: { url: config.NATS_URL },
          storage: objectStorageOptions(config),
        }),
        MessagingModule.forRoot({ store: 'mongo' }),
        CommonModule,
        // Authentication reads accounts from the directory's storage; wired here so auth never imports the directory.
        AuthModule.forRoot({ accounts: DirectoryStorageModule }),
        DirectoryModule,
        ChannelsModule,
        ContactsGatewayModule,
        SearchGatewayModule,
        InboxModule,
        ConversationsGatewayModule,
        NotificationsGatewayModule,
        AttachmentsGatewayModule,
        CallsGatewayModule,
      ],
    };
  }
}
