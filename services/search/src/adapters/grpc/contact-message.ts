import type { ContactMessage, ContactSnapshot } from '@omnibox/contracts';
import { toValueMap } from '@omnibox/rpc';

/** A contact found, as contacts.proto's `Contact`: what it lacks is absent, never "". */
export function contactMessage(contact: ContactSnapshot): ContactMessage {
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName ?? undefined,
    phone: contact.phone ?? undefined,
    email: contact.email ?? undefined,
    language: contact.language ?? undefined,
    countryCode: contact.countryCode ?? undefined,
    gender: contact.gender ?? undefined,
    tags: contact.tags ?? [],
    customFields: toValueMap(contact.customFields ?? {}),
    blocked: contact.blocked,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    assigneeId: contact.assigneeId ?? undefined,
    teamId: contact.teamId ?? undefined,
  };
}
