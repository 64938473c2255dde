import type { ContactMessage, CustomFieldMessage, NoteMessage } from '@omnibox/contracts';
import { toValueMap } from '@omnibox/rpc';
import type { CustomField, Note } from '../../application/ports';
import type { Contact } from '../../domain/contact-details';

/** Domain → contacts.proto. A detail the contact lacks is absent (proto3 `optional`), never "". */

export function contactMessage(contact: Contact): ContactMessage {
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName ?? undefined,
    phone: contact.phone ?? undefined,
    email: contact.email ?? undefined,
    language: contact.language ?? undefined,
    countryCode: contact.countryCode ?? undefined,
    gender: contact.gender ?? undefined,
    tags: contact.tags,
    customFields: toValueMap(contact.customFields),
    blocked: contact.blocked,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
    assigneeId: contact.access.assigneeId ?? undefined,
    teamId: contact.access.teamId ?? undefined,
  };
}

export function noteMessage(note: Note): NoteMessage {
  return { id: note.id, contactId: note.contactId, text: note.text, authorId: note.authorId, createdAt: note.createdAt.toISOString() };
}

export function customFieldMessage(field: CustomField): CustomFieldMessage {
  return { key: field.key, name: field.name, type: field.type, options: field.options, createdAt: field.createdAt.toISOString() };
}
