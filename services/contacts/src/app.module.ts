import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@omnibox/messaging';
import { PlatformModule } from '@omnibox/platform';
import { GrpcHealthController } from '@omnibox/rpc';
import { ContactsConfig } from './config';
import { ContactsModule } from './contacts.module';

/** The contacts service: contacts, typed custom-field definitions, notes, channel identities, block and merge. */
@Module({})
export class ContactsAppModule {
  static forRoot(config: ContactsConfig): DynamicModule {
    return {
      module: ContactsAppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'contacts',
          config,
          mongo: { url: config.MONGODB_URL, database: config.MONGODB_DATABASE, syncIndexes: config.MONGODB_SYNC_INDEXES === 'true', commandStats: config.MONGODB_COMMAND_STATS === 'true' },
          nats: { url: config.NATS_URL },
        }),
        MessagingModule.forRoot({ store: 'mongo' }),
        ContactsModule,
      ],
      controllers: [GrpcHealthController],
    };
  }
}
