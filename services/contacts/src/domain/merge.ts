import type { ChannelIdentityRef, ContactSnapshot } from '@omnibox/contracts';
import { Contact, ContactDetails, normaliseTags, OPTIONAL_DETAILS } from './contact-details';

/**
 * What the kept contact gains from a merged-away one (CON-3): every detail and custom field it lacked,
 * the union of tags. Its own values always win. Applying it twice changes nothing, so a retried merge
 * lands in the same state.
 */
export function mergeDetails(kept: ContactDetails, source: ContactDetails): { details: ContactDetails; changed: string[] } {
  // Only the detail fields: `kept` is often a whole contact (ids, access, times).
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

/**
 * Progress of one merge, recorded before anything moves, so a merge cut short by a crash is finished
 * by its retry (CON-3). One record per merged-away contact.
 */
export interface MergeRecord {
  workspaceId: string;
  sourceId: string;
  targetId: string;
  state: 'started' | 'done';
  /** The merged-away contact as it was when the merge began, and the channels it had. */
  source: Contact;
  channels: ChannelIdentityRef[];
  startedAt: Date;
  finishedAt?: Date;
}

/**
 * What a merge request meets (CON-3):
 * - `new`: no merge of this source yet;
 * - `resume`: this very merge began and was cut short: carry it on;
 * - `finished`: this very merge is done: answer the kept contact again;
 * - `merged-elsewhere`: the source was merged into another contact: it is gone (404);
 * - `merging-elsewhere`: the source is being merged into another contact: that merge must finish first (409).
 */
export type MergeProgress = 'new' | 'resume' | 'finished' | 'merged-elsewhere' | 'merging-elsewhere';

export function mergeProgress(record: Pick<MergeRecord, 'targetId' | 'state'> | null, targetId: string): MergeProgress {
  if (!record) return 'new';
  if (record.targetId !== targetId) return record.state === 'done' ? 'merged-elsewhere' : 'merging-elsewhere';
  return record.state === 'done' ? 'finished' : 'resume';
}

/** The merge event's id is fixed per merge, so a retried merge announces it once. */
export function mergeEventId(sourceId: string, targetId: string): string {
  return `merge-${sourceId}-into-${targetId}`;
}
