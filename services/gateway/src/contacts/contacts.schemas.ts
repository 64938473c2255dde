import { apiSchema, boolean, freeObject, listOf, nullable, object, oneOfValues, pageOf, string, time } from '../openapi/api-schemas';

/** API.md "Contacts" answers, as contacts.mappers.ts writes them (a detail the contact lacks is null). */

const optionalText = nullable(string());

export const Contact = apiSchema(
  'Contact',
  object({
    id: string(),
    firstName: string(),
    lastName: optionalText,
    phone: nullable(string({ description: 'E.164' })),
    email: optionalText,
    language: optionalText,
    countryCode: optionalText,
    gender: optionalText,
    tags: listOf(string()),
    customFields: { ...freeObject, description: 'custom field key → value' },
    blocked: boolean,
    assigneeId: optionalText,
    teamId: optionalText,
    createdAt: time,
    updatedAt: time,
  }),
);
/** Lists that are never paged (lookups, suggestions) answer `nextCursor: null` or none. */
export const ContactPage = pageOf('Contact', Contact);
export const ContactList = apiSchema('ContactList', object({ items: listOf(Contact) }));

export const Note = apiSchema('Note', object({ id: string(), contactId: string(), text: string(), authorId: string(), createdAt: time }));
export const NotePage = pageOf('Note', Note);

export const ContactChannels = apiSchema('ContactChannels', object({ items: listOf(object({ channelId: string(), type: string(), externalId: string() })) }));

export const CustomField = apiSchema(
  'CustomField',
  object({ key: string(), name: string(), type: oneOfValues(['text', 'number', 'email', 'url', 'phone', 'list', 'checkbox', 'date', 'time']), options: listOf(string()), createdAt: time }),
);
export const CustomFields = apiSchema('CustomFieldList', object({ items: listOf(CustomField) }));
