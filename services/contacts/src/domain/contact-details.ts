import type { ContactSnapshot, CustomFieldValue, ThreadAccess } from '@omnibox/contracts';
import type { FieldProblem } from './custom-fields';
import { normaliseEmail, normalisePhone } from './identifiers';

/** The editable details of a contact (CON-1/2), in stored form. */
export type ContactDetails = Pick<
  ContactSnapshot,
  'firstName' | 'lastName' | 'phone' | 'email' | 'language' | 'countryCode' | 'gender' | 'tags' | 'customFields'
>;

export const OPTIONAL_DETAILS = ['lastName', 'phone', 'email', 'language', 'countryCode', 'gender'] as const;
export type OptionalDetail = (typeof OPTIONAL_DETAILS)[number];

/** A contact as the service keeps it. */
export interface Contact extends ContactDetails {
  id: string;
  workspaceId: string;
  blocked: boolean;
  /** Who may see the contact (VIS-2/3): seeded on create, kept current from conversation events. */
  access: ThreadAccess;
  /** Thread time of the access last applied, so an older thread event never overwrites a newer one. */
  accessAt?: string;
  createdAt: Date;
  updatedAt: Date;
  /** Set when deleted or merged away; such contacts answer 404. */
  deletedAt?: Date;
  mergedInto?: string;
}

/** The contact as events carry it, so read models (conversation lists, search) never call back. */
export function snapshotOf(contact: Contact): ContactSnapshot {
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    phone: contact.phone,
    email: contact.email,
    language: contact.language,
    countryCode: contact.countryCode,
    gender: contact.gender,
    tags: contact.tags,
    customFields: contact.customFields,
    blocked: contact.blocked,
    assigneeId: contact.access.assigneeId,
    teamId: contact.access.teamId,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}

/** Tags are trimmed, de-duplicated case-insensitively, and keep their first spelling and order. */
export function normaliseTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    const key = tag.toLowerCase();
    if (tag && !seen.has(key)) {
      seen.add(key);
      kept.push(tag);
    }
  }
  return kept;
}

/** Details as a client sends them (not yet normalised); absent means "not given". */
export interface DetailInput {
  lastName?: string;
  phone?: string;
  email?: string;
  language?: string;
  countryCode?: string;
  gender?: string;
  tags?: string[];
}

export interface NewContactDetails extends DetailInput {
  firstName: string;
}

export interface DetailChanges extends DetailInput {
  firstName?: string;
  /** Optional details to clear. */
  clear?: string[];
}

/** Country codes are stored upper-case; the contact's country reads national phone numbers. */
export function countryCodeOf(raw: string | undefined): string | null {
  return raw ? raw.toUpperCase() : null;
}

function phoneOf(raw: string, countryCode: string | null): string | FieldProblem {
  return normalisePhone(raw, countryCode) ?? { field: 'phone', message: 'is not a phone number' };
}

function emailOf(raw: string): string | FieldProblem {
  return normaliseEmail(raw) ?? { field: 'email', message: 'is not an e-mail address' };
}

const isProblemValue = (value: unknown): value is FieldProblem => typeof value === 'object' && value !== null && 'field' in value;

/** CON-1: the details of a new contact in stored form (phone and e-mail normalised), or what to fix. */
export function newContactDetails(input: NewContactDetails, customFields: Record<string, CustomFieldValue>): ContactDetails | FieldProblem {
  const countryCode = countryCodeOf(input.countryCode);
  const phone = input.phone ? phoneOf(input.phone, countryCode) : null;
  if (isProblemValue(phone)) return phone;
  const email = input.email ? emailOf(input.email) : null;
  if (isProblemValue(email)) return email;
  return {
    firstName: input.firstName.trim(),
    lastName: input.lastName?.trim() || null,
    phone,
    email,
    language: input.language || null,
    countryCode,
    gender: input.gender || null,
    tags: normaliseTags(input.tags ?? []),
    customFields,
  };
}

type EditableDetails = Omit<ContactDetails, 'customFields'>;

/** What an edit writes: details set (null clears one), custom fields set or removed, and the fields it changed. */
export interface ContactEdit {
  details: Partial<EditableDetails>;
  customFields: { set: Record<string, CustomFieldValue>; removed: string[] };
  changed: string[];
}

/** The country an edit leaves the contact with: national phone numbers and phone custom fields are read in it. */
export function countryCodeAfter(current: Pick<ContactDetails, 'countryCode'>, changes: DetailChanges): string | null {
  if (changes.countryCode !== undefined) return changes.countryCode.toUpperCase();
  return changes.clear?.includes('countryCode') ? null : current.countryCode;
}

/**
 * CON-2: the details an edit sets, in stored form. `clear` empties optional details (only those); a
 * field given is changed even when its value stays the same. Custom fields are checked separately
 * (`checkValues`), against the workspace's definitions.
 */
export function detailEdit(current: Pick<ContactDetails, 'countryCode'>, changes: DetailChanges): Pick<ContactEdit, 'details' | 'changed'> | FieldProblem {
  const details: Partial<Record<keyof EditableDetails, unknown>> = {};
  for (const field of changes.clear ?? []) {
    if (!(OPTIONAL_DETAILS as readonly string[]).includes(field)) return { field, message: 'cannot be cleared' };
    details[field as OptionalDetail] = null;
  }
  const countryCode = countryCodeAfter(current, changes);
  if (changes.firstName !== undefined) details.firstName = changes.firstName.trim();
  if (changes.lastName !== undefined) details.lastName = changes.lastName.trim() || null;
  if (changes.phone !== undefined) details.phone = phoneOf(changes.phone, countryCode);
  if (changes.email !== undefined) details.email = emailOf(changes.email);
  if (changes.countryCode !== undefined) details.countryCode = countryCode;
  if (changes.language !== undefined) details.language = changes.language || null;
  if (changes.gender !== undefined) details.gender = changes.gender || null;
  if (changes.tags !== undefined) details.tags = normaliseTags(changes.tags);
  for (const value of [details.phone, details.email]) if (isProblemValue(value)) return value;
  return { details: details as Partial<EditableDetails>, changed: Object.keys(details) };
}

/** The contact as an edit leaves it (what the event announcing the edit carries). */
export function applyEdit(contact: Contact, edit: ContactEdit, at: Date): Contact {
  const customFields = { ...contact.customFields, ...edit.customFields.set };
  for (const key of edit.customFields.removed) delete customFields[key];
  return { ...contact, ...edit.details, customFields, updatedAt: at };
}
