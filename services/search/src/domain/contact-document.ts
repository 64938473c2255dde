import { ContactSnapshot, NO_ACCESS_GRANTS, ThreadSnapshot } from '@omnibox/contracts';
import { sameAccess, StoredAccess, storedAccess } from './access';
import { contactSearchFields } from './documents';

/**
 * The contact document: searchable fields, who may see it, and the snapshot returned as a result. It
 * is built from events of two services, which may arrive in any order and more than once: contact
 * snapshots (the contacts service) and thread access (the conversations service). Each side only
 * moves forward in its own time, so a redelivered or replayed older event never wins.
 */
export interface ContactDocument extends StoredAccess {
  workspaceId: string;
  contactId: string;
  firstName: string;
  lastName: string;
  phoneDigits: string[];
  emailForms: string[];
  customValues: string[];
  nameSort: string;
  /** False for a placeholder made from thread access before the contact's own event arrived. */
  hasDetails: boolean;
  blocked: boolean;
  deleted: boolean;
  mergedInto: string | null;
  /** Time of the contact snapshot applied, and of the thread access applied. */
  contactAt: string | null;
  accessAt: string | null;
  contact: ContactSnapshot | null;
}

export function emptyContactDocument(workspaceId: string, contactId: string): ContactDocument {
  return {
    workspaceId,
    contactId,
    firstName: '',
    lastName: '',
    phoneDigits: [],
    emailForms: [],
    customValues: [],
    nameSort: '',
    hasDetails: false,
    blocked: false,
    deleted: false,
    mergedInto: null,
    ...storedAccess(NO_ACCESS_GRANTS),
    contactAt: null,
    accessAt: null,
    contact: null,
  };
}

export function accessOf(doc: ContactDocument): StoredAccess {
  return { assigneeId: doc.assigneeId, teamId: doc.teamId, collaboratorIds: doc.collaboratorIds, mentions: doc.mentions, mentionGrants: doc.mentionGrants ?? [] };
}

/**
 * A contact snapshot applied (created, updated, blocked, unblocked, merged into). Null when it changes
 * nothing: the contact is deleted, or the snapshot is older than the one applied. `follow`: what its
 * message documents carry (access, blocked) changed, so they must follow.
 */
export function withSnapshot(doc: ContactDocument, contact: ContactSnapshot): { doc: ContactDocument; follow: boolean } | null {
  if (doc.deleted) return null;
  if (doc.contactAt && doc.contactAt > contact.updatedAt) return null;
  const next: ContactDocument = { ...doc, ...contactSearchFields(contact), hasDetails: true, blocked: contact.blocked, contactAt: contact.updatedAt, contact };
  let follow = false;
  // Until the conversations service speaks for the thread, the assignment given at creation decides (CON-1).
  if (!doc.accessAt) {
    const access = storedAccess({ ...NO_ACCESS_GRANTS, assigneeId: contact.assigneeId, teamId: contact.teamId });
    if (!sameAccess(access, accessOf(doc))) follow = true;
    Object.assign(next, access);
  }
  if (next.blocked !== doc.blocked) follow = true;
  return { doc: next, follow };
}

/**
 * The thread's access applied (VIS-2/3); null when it changes nothing: the contact is deleted, the
 * thread state is not newer than the one applied, or the access is the same (every message moves the
 * thread's time, not its access). A document not indexed yet (`existing` null) takes it in any case.
 */
export function withThreadAccess(existing: ContactDocument | null, workspaceId: string, thread: ThreadSnapshot): ContactDocument | null {
  const doc = existing ?? emptyContactDocument(workspaceId, thread.contactId);
  if (doc.deleted) return null;
  if (doc.accessAt && doc.accessAt >= thread.updatedAt) return null;
  const access = storedAccess(thread);
  if (existing && sameAccess(access, accessOf(doc))) return null;
  return { ...doc, ...access, accessAt: thread.updatedAt };
}

/** A deleted contact becomes a tombstone, never found; null when it is one already. */
export function deletedContact(doc: ContactDocument, at: string): ContactDocument | null {
  return doc.deleted ? null : { ...doc, deleted: true, contactAt: at };
}

/** A contact merged away (CON-3) becomes a tombstone pointing at the kept one; null when it is one already. */
export function mergedAwayContact(doc: ContactDocument, keptId: string, at: string): ContactDocument | null {
  return doc.mergedInto === keptId ? null : { ...doc, deleted: true, mergedInto: keptId, contactAt: at };
}

/** A contact as search answers it: its snapshot with the thread's current assignee and team, and its block. */
export function foundContact(doc: Pick<ContactDocument, 'contact' | 'blocked' | 'assigneeId' | 'teamId'>): ContactSnapshot {
  return { ...(doc.contact as ContactSnapshot), blocked: doc.blocked, assigneeId: doc.assigneeId, teamId: doc.teamId };
}
