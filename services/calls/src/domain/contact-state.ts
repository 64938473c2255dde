import type { ThreadAccess } from '@omnibox/contracts';
import { CallContact, CallState } from './call';

/**
 * What this service knows of a contact, from the contacts service (details, block, deletion) and the
 * conversations service (the thread's access: assignee, team, collaborators, mentions). Each part
 * keeps the time of the event it comes from, so an older event changes nothing.
 */
export interface ContactState {
  contactId: string;
  workspaceId: string;
  contact: CallContact;
  blocked: boolean;
  deleted: boolean;
  access: ThreadAccess;
}

/** A call in step with its contact (lists follow the contact's current owner, CAL-1); null when nothing differs. */
export function withContact(call: CallState, known: ContactState): CallState | null {
  const next: CallState = { ...call, contact: known.contact, blocked: known.blocked, deleted: known.deleted, access: known.access };
  const same = JSON.stringify([call.contact, call.blocked, call.deleted, call.access]) === JSON.stringify([next.contact, next.blocked, next.deleted, next.access]);
  return same ? null : next;
}
