import type { ChannelIdentityMessage__Output, ContactMessage__Output, CustomFieldMessage__Output, NoteMessage__Output } from '@omnibox/contracts';
import { fromValueMap } from '@omnibox/rpc';

/**
 * contacts.proto → API.md "Contacts", one mapper per resource. A detail the contact lacks is absent on
 * the wire and `null` in the API.
 */

/** API.md `contact`, with the assignee and team of its thread. Contact search answers the same. */
export function contactView(message: ContactMessage__Output) {
  return {
    id: message.id,
    firstName: message.firstName,
    lastName: message.lastName ?? null,
    phone: message.phone ?? null,
    email: message.email ?? null,
    language: message.language ?? null,
    countryCode: message.countryCode ?? null,
    gender: message.gender ?? null,
    tags: message.tags,
    customFields: fromValueMap(message.customFields),
    blocked: message.blocked,
    assigneeId: message.assigneeId ?? null,
    teamId: message.teamId ?? null,
    createdAt: message.createdAt,
    updatedAt: message.updatedAt,
  };
}

export function noteView(message: NoteMessage__Output) {
  return { id: message.id, contactId: message.contactId, text: message.text, authorId: message.authorId, createdAt: message.createdAt };
}

export function channelView(message: ChannelIdentityMessage__Output) {
  return { channelId: message.channelId, type: message.type, externalId: message.externalId };
}

export function customFieldView(message: CustomFieldMessage__Output) {
  return { key: message.key, name: message.name, type: message.type, options: message.options, createdAt: message.createdAt };
}
