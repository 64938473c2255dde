import type { ContactSnapshot } from '@omnibox/contracts';

/** The editable details of a contact (CON-1/2), in stored form. */
export type ContactDetails = Pick<
  ContactSnapshot,
  'firstName' | 'lastName' | 'phone' | 'email' | 'language' | 'countryCode' | 'gender' | 'tags' | 'customFields'
>;

export const OPTIONAL_DETAILS = ['lastName', 'phone', 'email', 'language', 'countryCode', 'gender'] as const;
export type OptionalDetail = (typeof OPTIONAL_DETAILS)[number];

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

/**
 * What the kept contact gains from a merged-away one (CON-3): every detail and custom field it lacked,
 * the union of tags. Its own values always win. Applying it twice changes nothing, so a retried merge
 * lands in the same state.
 */
export function mergeDetails(kept: ContactDetails, source: ContactDetails): { details: ContactDetails; changed: string[] } {
  // Only the detail fields: `kept` is often a whole stored document (ids, access, outbox fields).
  const details: ContactDetails = { firstName: kept.firstName, tags: [...kept.tags], customFields: { ...kept.customFields } } as ContactDetails;
  for (const key of OPTIONAL_DETAILS) details[key] = kept[key];
  const changed: string[] = [];
  for (const key of OPTIONAL_DETAILS) {
    if (details[key] === null && source[key] !== null) {
      details[key] = source[key];
      changed.push(key);
    }
  }
  const tags = normaliseTags([...kept.tags, ...source.tags]);
  if (tags.length !== kept.tags.length) {
    details.tags = tags;
    changed.push('tags');
  }
  for (const [key, value] of Object.entries(source.customFields)) {
    if (!(key in details.customFields)) {
      details.customFields[key] = value;
      if (!changed.includes('customFields')) changed.push('customFields');
    }
  }
  return { details, changed };
}

/** Why two contacts are suggested for merging (CON-3): they share a phone number or an e-mail. */
export function sharesIdentity(a: Pick<ContactSnapshot, 'phone' | 'email'>, b: Pick<ContactSnapshot, 'phone' | 'email'>): boolean {
  return (a.phone !== null && a.phone === b.phone) || (a.email !== null && a.email === b.email);
}
