import type { CommentSnapshot, ContactSnapshot, CustomFieldValue, MessageSnapshot, ThreadAccess } from '@omnibox/contracts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
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

/** Fields of a timeline item document (a message or a comment) that depend only on the item. */
export function timelineItemFields(item: MessageSnapshot | CommentSnapshot) {
  const text = item.kind === 'comment' ? item.text.trim() : messageText(item);
  return { kind: item.kind, id: item.id, createdAt: item.createdAt, text, emailForms: emailsIn(text).flatMap(emailForms) };
}

/** A short piece of the text around the start, when Elasticsearch gives no highlight. */
export function fallbackSnippet(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

// ---- who may see a document (VIS-1…4) ------------------------------------------------------------------

/** Access as stored on documents: mentions as a list (for the in-thread check) and as grant keys (for queries). */
export interface StoredAccess {
  assigneeId: string | null;
  teamId: string | null;
  collaboratorIds: string[];
  mentions: Array<{ userId: string; until: string }>;
  mentionGrants: string[];
}

export function storedAccess(access: ThreadAccess): StoredAccess {
  const mentions = Object.entries(access.mentionedUntil ?? {})
    .map(([userId, until]) => ({ userId, until }))
    .sort((a, b) => a.userId.localeCompare(b.userId));
  return {
    assigneeId: access.assigneeId ?? null,
    teamId: access.teamId ?? null,
    collaboratorIds: [...(access.collaboratorIds ?? [])].sort(),
    mentions,
    mentionGrants: mentionGrantKeys(mentions),
  };
}

export function sameAccess(a: StoredAccess, b: StoredAccess): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** SRC-3: a mention grants access for 24 hours. */
const MENTION_HOURS = 24;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

function hourKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13).replace(/[-T]/g, '');
}
function minuteKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, '');
}

/**
 * VIS-3 as plain keywords, so documents need no nested field (which would rule out index sorting,
 * and with it newest-first searches that stop after one page): a mention valid until `until` is
 * written as `<user>|h|<hour>` for every whole hour of its 24 h before `until`, and
 * `<user>|m|<minute>` for every whole minute of the last, partial hour. A query asks for the
 * caller's current hour and minute (`currentGrantKeys`). Access ends at the last whole minute
 * before `until`: never later than the rule, at most a minute earlier.
 */
export function mentionGrantKeys(mentions: Array<{ userId: string; until: string }>): string[] {
  const keys: string[] = [];
  for (const { userId, until } of mentions) {
    const end = Date.parse(until);
    if (!Number.isFinite(end)) continue;
    const lastWholeHourEnd = Math.floor(end / HOUR_MS) * HOUR_MS;
    for (let hour = Math.floor((end - MENTION_HOURS * HOUR_MS) / HOUR_MS) * HOUR_MS; hour + HOUR_MS <= lastWholeHourEnd; hour += HOUR_MS) keys.push(`${userId}|h|${hourKey(hour)}`);
    for (let minute = lastWholeHourEnd; minute + MINUTE_MS <= end; minute += MINUTE_MS) keys.push(`${userId}|m|${minuteKey(minute)}`);
  }
  return keys;
}

/** The grant keys that let `userId` in at `now`: its hour and its minute. */
export function currentGrantKeys(userId: string, now: Date): string[] {
  return [`${userId}|h|${hourKey(now.getTime())}`, `${userId}|m|${minuteKey(now.getTime())}`];
}
