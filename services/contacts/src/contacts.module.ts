import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ContactsGrpcController } from './adapters/grpc/contacts.controller';
import { MongoChannelIdentityRepository } from './adapters/mongo/channel-identities.repository';
import { CHANNEL_IDENTITY_MODEL, ChannelIdentitySchema } from './adapters/mongo/channel-identities.schema';
import { MongoContactRepository } from './adapters/mongo/contacts.repository';
import { CONTACT_MODEL, ContactSchema } from './adapters/mongo/contacts.schema';
import { MongoCustomFieldRepository } from './adapters/mongo/custom-fields.repository';
import { CUSTOM_FIELD_MODEL, CustomFieldSchema } from './adapters/mongo/custom-fields.schema';
import { MongoMergeRepository } from './adapters/mongo/merges.repository';
import { MERGE_MODEL, MergeSchema } from './adapters/mongo/merges.schema';
import { MongoNoteRepository } from './adapters/mongo/notes.repository';
import { NOTE_MODEL, NoteSchema } from './adapters/mongo/notes.schema';
import { ObjectIdGenerator } from './adapters/mongo/object-ids';
import { ThreadAccessConsumer } from './adapters/nats/thread-access.consumer';
import { AddNote } from './application/add-note';
import { ApplyThreadAccess } from './application/apply-thread-access';
import { BlockContact } from './application/block-contact';
import { CreateContact } from './application/create-contact';
import { DefineCustomField } from './application/define-custom-field';
import { DeleteContact } from './application/delete-contact';
import { ExistingContacts } from './application/existing-contacts';
import { FindContacts } from './application/find-contacts';
import { GetContact } from './application/get-contact';
import { ListChannels } from './application/list-channels';
import { ListCustomFields } from './application/list-custom-fields';
import { ListNotes } from './application/list-notes';
import { MergeContacts } from './application/merge-contacts';
import { MergeSuggestions } from './application/merge-suggestions';
import { CHANNEL_IDENTITIES, CONTACTS, CUSTOM_FIELDS, IDS, MERGES, NOTES } from './application/ports';
import { ResolveChannelContact } from './application/resolve-channel-contact';
import { ResolveChannelContacts } from './application/resolve-channel-contacts';
import { UnblockContact } from './application/unblock-contact';
import { UpdateContact } from './application/update-contact';

const USE_CASES = [
  CreateContact,
  GetContact,
  UpdateContact,
  DeleteContact,
  FindContacts,
  ExistingContacts,
  BlockContact,
  UnblockContact,
  MergeSuggestions,
  MergeContacts,
  AddNote,
  ListNotes,
  ListChannels,
  ResolveChannelContact,
  ResolveChannelContacts,
  DefineCustomField,
  ListCustomFields,
  ApplyThreadAccess,
];

/** Contacts (CON-1…5): details, typed custom fields, channel identities, notes, block and merge. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CONTACT_MODEL, schema: ContactSchema },
      { name: CHANNEL_IDENTITY_MODEL, schema: ChannelIdentitySchema },
      { name: NOTE_MODEL, schema: NoteSchema },
      { name: CUSTOM_FIELD_MODEL, schema: CustomFieldSchema },
      { name: MERGE_MODEL, schema: MergeSchema },
    ]),
  ],
  controllers: [ContactsGrpcController],
  providers: [
    ...USE_CASES,
    { provide: CONTACTS, useClass: MongoContactRepository },
    { provide: CHANNEL_IDENTITIES, useClass: MongoChannelIdentityRepository },
    { provide: NOTES, useClass: MongoNoteRepository },
    { provide: CUSTOM_FIELDS, useClass: MongoCustomFieldRepository },
    { provide: MERGES, useClass: MongoMergeRepository },
    { provide: IDS, useClass: ObjectIdGenerator },
    ThreadAccessConsumer,
  ],
})
export class ContactsModule {}
