import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@omnibox/messaging';
import { PlatformModule } from '@omnibox/platform';
import { GrpcHealthController } from '@omnibox/rpc';
import { ContactsConfig } from './config';
import { ContactsGrpcController } from './contacts/contacts.grpc';
import { ContactsService } from './contacts/contacts.service';
import { ContactsStore } from './contacts/contacts.store';
import { ThreadAccessHandler } from './contacts/thread-access.handler';

/** The contacts service: contacts, typed custom-field definitions, notes, channel identities, block and merge. */
@Module({})
export class ContactsModule {
  static forRoot(config: ContactsConfig): DynamicModule {
    return {
      module: ContactsModule,
      imports: [
        PlatformModule.forRoot({
          service: 'contacts',
          config,
          mongo: { url: config.MONGODB_URL, database: config.MONGODB_DATABASE, syncIndexes: config.MONGODB_SYNC_INDEXES === 'true' },
          nats: { url: config.NATS_URL },
        }),
        MessagingModule.forRoot({ store: 'mongo' }),
      ],
      controllers: [GrpcHealthController, ContactsGrpcController],
      providers: [ContactsStore, ContactsService, ThreadAccessHandler],
    };
  }
}
