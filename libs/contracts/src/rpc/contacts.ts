// Types generated from contacts.proto (`npm run proto`), for both ends of the contract.
export type { ContactsDefinition } from '../generated/omnibox/contacts/v1/Contacts';
