import { defineEvent } from './envelope';

/** Events of the contacts service. Payloads carry the contact as read models need it. */
export type CustomFieldType = 'text' | 'number' | 'email' | 'url' | 'phone' | 'list' | 'checkbox' | 'date' | 'time';
export type CustomFieldValue = string | number | boolean;

export interface ContactSnapshot {
  id: string;
  firstName: string;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  language: string | null;
  countryCode: string | null;
  gender: string | null;
  tags: string[];
  customFields: Record<string, CustomFieldValue>;
  blocked: boolean;
  /** Assignment given when the contact was created (CON-1); the conversations service owns it after. */
  assigneeId: string | null;
  teamId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelIdentityRef {
  channelId: string;
  type: string;
  externalId: string;
}

export const ContactCreated = defineEvent<{ contact: ContactSnapshot; channel?: ChannelIdentityRef }>('contacts.contact.created');
export const ContactUpdated = defineEvent<{ contact: ContactSnapshot; changed: string[] }>('contacts.contact.updated');
export const ContactBlocked = defineEvent<{ contact: ContactSnapshot }>('contacts.contact.blocked');
export const ContactUnblocked = defineEvent<{ contact: ContactSnapshot }>('contacts.contact.unblocked');
export const ContactDeleted = defineEvent<{ contactId: string }>('contacts.contact.deleted');
/** The source contact was merged into the kept one (CON-3); conversations moves its timeline. */
export const ContactMerged = defineEvent<{ contact: ContactSnapshot; sourceContactId: string; movedChannels: ChannelIdentityRef[] }>('contacts.contact.merged');
export const ContactChannelAdded = defineEvent<{ contactId: string; channel: ChannelIdentityRef }>('contacts.contact.channel_added');
export const ContactNoteAdded = defineEvent<{ contactId: string; noteId: string; authorId: string }>('contacts.contact.note_added');
