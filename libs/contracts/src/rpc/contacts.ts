// Types generated from contacts.proto (`npm run proto`), for both ends of the contract. `XMessage` is
// what a sender writes (optional fields may be left out), `XMessage__Output` what a receiver reads.
export type { ContactsDefinition } from '../generated/omnibox/contacts/v1/Contacts';
export type { Contact as ContactMessage, Contact__Output as ContactMessage__Output } from '../generated/omnibox/contacts/v1/Contact';
export type { Note as NoteMessage, Note__Output as NoteMessage__Output } from '../generated/omnibox/contacts/v1/Note';
export type { CustomFieldDefinition as CustomFieldMessage, CustomFieldDefinition__Output as CustomFieldMessage__Output } from '../generated/omnibox/contacts/v1/CustomFieldDefinition';
export type { ChannelIdentity as ChannelIdentityMessage, ChannelIdentity__Output as ChannelIdentityMessage__Output } from '../generated/omnibox/contacts/v1/ChannelIdentity';
export type { Value as ValueMessage, Value__Output as ValueMessage__Output } from '../generated/google/protobuf/Value';
