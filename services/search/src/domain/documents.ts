import type { CommentSnapshot, ContactSnapshot, CustomFieldValue, MessageSnapshot } from '@omnibox/contracts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { StoredAccess } from './access';
import { emailForms, emailsIn } from './query';

/**
 * What each indexed document holds for search. Only what SRH-1/2/5 make searchable goes into a
 * searchable field; country, language, gender, tags, assignee and status are never indexed as
 * searchable text (SRH-3): filters serve them.
 */

// ---- contacts ------------------------------------------------------------------------------------------

/**
 * Digits a phone may be typed with: the international form without `+` (6281234567890), the national
 * number (81234567890) and the national form with its trunk prefix (081234567890). A query matches a
 * prefix of any of them, whatever punctuation either side used.
 */
export function phoneDigitForms(phone: string | null | undefined): string[] {
  if (!phone) return [];
  const forms = new Set<string>();
  const digits = phone.replace(/\D/g, '');
  if (digits) forms.add(digits);
  const parsed = parsePhoneNumberFromString(phone);
  if (parsed) {
    forms.add(String(parsed.nationalNumber));
    const national = parsed.formatNational().replace(/\D/g, '');
    if (national) forms.add(national);
  }
  return [...forms];
}

const DATE_VALUE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_VALUE = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/**
 * SRH-2/3: custom field values matched exactly (lower-cased). Checkbox, date and time fields are not
 * searchable. Their definitions live in the contacts service; the snapshot carries stored values,
 * whose form tells them apart: checkboxes are booleans, dates `YYYY-MM-DD`, times `HH:mm[:ss]`.
 */
export function searchableCustomValues(customFields: Record<string, CustomFieldValue> | null | undefined): string[] {
  const values = new Set<string>();
  for (const value of Object.values(customFields ?? {})) {
    if (typeof value === 'boolean' || value === null || value === undefined) continue;
    const text = String(value).trim();
    if (!text || DATE_VALUE.test(text) || TIME_VALUE.test(text)) continue;
    values.add(text.toLowerCase());
  }
  return [...values];
}

/** The searchable fields of a contact document. */
export function contactSearchFields(contact: ContactSnapshot) {
  return {
    firstName: contact.firstName,
    lastName: contact.lastName ?? '',
    phoneDigits: phoneDigitForms(contact.phone),
    emailForms: contact.email ? emailForms(contact.email) : [],
    customValues: searchableCustomValues(contact.customFields),
    /** For a stable order among equally good matches. */
    nameSort: `${contact.firstName} ${contact.lastName ?? ''}`.trim().toLowerCase(),
  };
}

// ---- messages and comments -----------------------------------------------------------------------------

/** SRH-6: the message types a user can find (text, WhatsApp templates, quick replies, story replies, e-mails). */
export const SEARCHABLE_MESSAGE_TYPES = ['text', 'template', 'quick_reply', 'story_reply', 'email'];

/**
 * SRH-6 and CNV-8: broadcasts are never searchable, nor messages kept only for audit (from a blocked
 * contact); attachments and unsupported payloads have no text to find.
 */
export function isSearchableMessage(message: MessageSnapshot): boolean {
  if (message.sender?.category === 'broadcast' || message.broadcastId) return false;
  if (message.suppressed) return false;
  if (!SEARCHABLE_MESSAGE_TYPES.includes(message.type)) return false;
  return messageText(message).length > 0;
}

/** The words of a message as the user reads them: its text, template parameters, e-mail subject. */
export function messageText(message: MessageSnapshot): string {
  const parts: string[] = [];
  if (message.email?.subject) parts.push(message.email.subject);
  if (message.text) parts.push(message.text);
  else if (message.template) parts.push([message.template.name.replace(/_/g, ' '), ...message.template.parameters].join(' '));
  return parts.join('\n').trim();
}

/** A message or comment document; it carries its thread's access so visibility is one query (VIS-4). */
export interface TimelineDocument extends StoredAccess {
  workspaceId: string;
  contactId: string;
  kind: 'message' | 'comment';
  id: string;
  createdAt: string;
  text: string;
  emailForms: string[];
  blocked: boolean;
}

/** Fields of a timeline item document (a message or a comment) that depend only on the item. */
export function timelineItemFields(item: MessageSnapshot | CommentSnapshot) {
  const text = item.kind === 'comment' ? item.text.trim() : messageText(item);
  return { kind: item.kind, id: item.id, createdAt: item.createdAt, text, emailForms: emailsIn(text).flatMap(emailForms) };
}

/** A message or comment document, under the contact that owns its thread now (merges followed) and with that contact's access and block. */
export function timelineDocument(owner: { workspaceId: string; contactId: string; blocked: boolean; access: StoredAccess }, item: MessageSnapshot | CommentSnapshot): TimelineDocument {
  return { workspaceId: owner.workspaceId, contactId: owner.contactId, ...timelineItemFields(item), blocked: owner.blocked, ...owner.access };
}

/** Document ids: one per record of a workspace (`<workspace>:<contact>`, `<workspace>:<kind>:<item>`). */
export function documentId(workspaceId: string, id: string): string {
  return `${workspaceId}:${id}`;
}

/** A short piece of the text around the start, when Elasticsearch gives no highlight. */
export function fallbackSnippet(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
