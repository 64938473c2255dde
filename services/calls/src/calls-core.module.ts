import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CHANNEL_MODEL, ChannelSchema, ChannelsReadModel, DirectoryReadModelModule } from '@omnibox/directory';
import { CONFIG } from '@omnibox/platform';
import { CallChannels } from './application/call-channels';
import { CallContacts } from './application/call-contacts';
import { CallerCalls } from './application/caller-calls';
import { CallWriter } from './application/call-writer';
import { CALL_ADAPTERS, CALL_LOG, CALLS, CHANNELS, CONTACT_STATES, CONTACTS, CONVERSATIONS, PERMISSIONS, RECORDINGS, SETTINGS, TEAMS } from './application/ports';
import { ProviderActions } from './application/provider-actions';
import { RefreshContactCalls } from './application/refresh-contact-calls';
import { WorkspaceSettingsReader } from './application/workspace-settings';
import { DirectoryTeams } from './adapters/directory/teams';
import { ContactsClient, GrpcContacts } from './adapters/grpc/contacts.client';
import { ConversationsClient, GrpcConversations } from './adapters/grpc/conversations.client';
import { ApiCallAdapter } from './adapters/http/api-call-adapter';
import { WhatsAppCallAdapter } from './adapters/whatsapp/whatsapp-call-adapter';
import { ChannelCallAdapters } from './adapters/http/call-adapters';
import { OUTBOUND_GUARD, outboundGuardOf } from './adapters/http/outbound';
import { CALL_MODEL, CallSchema } from './adapters/mongo/calls.schema';
import { CallsRepository } from './adapters/mongo/calls.repository';
import { CONTACT_STATE_MODEL, ContactStateSchema } from './adapters/mongo/contact-states.schema';
import { ContactStatesRepository } from './adapters/mongo/contact-states.repository';
import { ContactStateVersions } from './adapters/redis/contact-state-versions';
import { PERMISSION_MODEL, PermissionSchema } from './adapters/mongo/permissions.schema';
import { PermissionsRepository } from './adapters/mongo/permissions.repository';
import { SETTINGS_MODEL, SettingsSchema } from './adapters/mongo/workspace-settings.schema';
import { WorkspaceSettingsRepository } from './adapters/mongo/workspace-settings.repository';
import { RedisCallLog } from './adapters/redis/call-log';
import { ObjectStorageRecordings } from './adapters/storage/recordings.store';
import type { CallsConfig } from './config';

const SHARED = [CallWriter, CallerCalls, CallContacts, CallChannels, RefreshContactCalls, ProviderActions, WorkspaceSettingsReader];

/**
 * What every feature shares: the collections (one schema each), the engines' and services' adapters
 * behind the application ports, the directory read model (libs/directory, durable `calls-directory`),
 * and the writer every change of a call goes through.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CALL_MODEL, schema: CallSchema },
      { name: CONTACT_STATE_MODEL, schema: ContactStateSchema },
      { name: PERMISSION_MODEL, schema: PermissionSchema },
      { name: SETTINGS_MODEL, schema: SettingsSchema },
      { name: CHANNEL_MODEL, schema: ChannelSchema },
    ]),
    DirectoryReadModelModule.forService('calls'),
  ],
  providers: [
    ContactsClient,
    ConversationsClient,
    ApiCallAdapter,
    WhatsAppCallAdapter,
    { provide: OUTBOUND_GUARD, inject: [CONFIG], useFactory: (config: CallsConfig) => outboundGuardOf(config) },
    { provide: CALLS, useClass: CallsRepository },
    ContactStateVersions,
    { provide: CONTACT_STATES, useClass: ContactStatesRepository },
    { provide: PERMISSIONS, useClass: PermissionsRepository },
    { provide: SETTINGS, useClass: WorkspaceSettingsRepository },
    { provide: CHANNELS, useClass: ChannelsReadModel },
    { provide: CONTACTS, useClass: GrpcContacts },
    { provide: CONVERSATIONS, useClass: GrpcConversations },
    { provide: CALL_LOG, useClass: RedisCallLog },
    { provide: CALL_ADAPTERS, useClass: ChannelCallAdapters },
    { provide: RECORDINGS, useClass: ObjectStorageRecordings },
    { provide: TEAMS, useClass: DirectoryTeams },
    ...SHARED,
  ],
  exports: [CALLS, CONTACT_STATES, PERMISSIONS, SETTINGS, CHANNELS, CONTACTS, CONVERSATIONS, CALL_LOG, CALL_ADAPTERS, RECORDINGS, TEAMS, ...SHARED],
})
export class CallsCoreModule {}
