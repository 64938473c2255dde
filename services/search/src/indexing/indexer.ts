import type { Client } from '@elastic/elasticsearch';
import {
  CommentCreated,
  CommentSnapshot,
  ContactBlocked,
  ContactCreated,
  ContactDeleted,
  ContactMerged,
  ContactSnapshot,
  ContactUnblocked,
  ContactUpdated,
  EventEnvelope,
  MessageCreated,
  MessageSnapshot,
  MessageUpdated,
  NO_ACCESS_GRANTS,
  ThreadSnapshot,
  ThreadUpdated,
} from '@omnibox/contracts';
import type { Logger } from 'pino';
import { contactSearchFields, isSearchableMessage, sameAccess, StoredAccess, storedAccess, timelineItemFields } from '../domain/documents';
import { docId } from '../indexes/index-definitions';
import type { IndexNames } from '../indexes/index-manager';

/** The event types the indexes are built from; the consumer acknowledges every other type unread. */
export const INDEXED_EVENT_TYPES = [
  ContactCreated.type,
  ContactUpdated.type,
  ContactBlocked.type,
  ContactUnblocked.type,
  ContactDeleted.type,
  ContactMerged.type,
  MessageCreated.type,
  MessageUpdated.type,
  CommentCreated.type,
  ThreadUpdated.type,
];

/** The contact document: searchable fields, who may see it, and the snapshot returned as a result. */
export interface ContactDoc extends StoredAccess {
  workspaceId: string;
  contactId: string;
  firstName: string;
  lastName: string;
  phoneDigits: string[];
  emailForms: string[];
  customValues: string[];
  nameSort: string;
  hasDetails: boolean;
  blocked: boolean;
  deleted: boolean;
  mergedInto: string | null;
  contactAt: string | null;
  accessAt: string | null;
  contact: ContactSnapshot | null;
}

/** A message or comment document; it carries its thread's access so visibility is one query (VIS-4). */
export interface MessageDoc extends StoredAccess {
  workspaceId: string;
  contactId: string;
  kind: 'message' | 'comment';
  id: string;
  createdAt: string;
  text: string;
  emailForms: string[];
  blocked: boolean;
}

interface ContactState {
  key: string;
  workspaceId: string;
  contactId: string;
  doc: ContactDoc | null;
  seqNo?: number;
  primaryTerm?: number;
  dirty: boolean;
  /** What its message documents carry (access, blocked) changed, so they must follow. */
  spread: boolean;
  /** Contacts merged into this one: their message documents move here. */
  absorbed: Set<string>;
  /** Deleted by an event of this batch: its message documents go. */
  deletedNow: boolean;
}

type PendingItem = { eventId: string; occurredAt: string; key: string; item: MessageSnapshot | CommentSnapshot; remove: boolean };

/** A failure that retrying cannot fix (a document Elasticsearch refuses): the event is dead-lettered. */
export interface PermanentFailure {
  eventId: string;
  reason: string;
}

/** Elasticsearch did not take the batch (down, overloaded, a concurrent writer): retry all of it. */
export class TransientIndexingError extends Error {}

/** Message documents are versioned by event time in microseconds, so an older event never overwrites a newer one. */
export function eventVersion(occurredAt: string): number {
  return Date.parse(occurredAt) * 1000;
}

const emptyContact = (workspaceId: string, contactId: string): ContactDoc => ({
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
});

const accessOf = (doc: ContactDoc): StoredAccess => ({ assigneeId: doc.assigneeId, teamId: doc.teamId, collaboratorIds: doc.collaboratorIds, mentions: doc.mentions, mentionGrants: doc.mentionGrants ?? [] });

/**
 * Applies a batch of events to the indexes in a few bulk requests. Idempotent: applying the same
 * events again (a redelivery, a replay) leaves the indexes as they were. Contact documents are read,
 * changed and written back with optimistic concurrency; message documents carry an external version
 * (event time), so an older event never overwrites a newer document.
 */
export class Indexer {
  constructor(
    private readonly client: Client,
    private readonly indexes: IndexNames,
    private readonly logger: Logger,
  ) {}

  async apply(events: EventEnvelope[]): Promise<PermanentFailure[]> {
    const states = await this.loadContacts(events);
    const pending: PendingItem[] = [];
    for (const event of events) this.applyEvent(event, states, pending);

    const failures: PermanentFailure[] = [];
    // 1. message and comment documents, with their contact's final access of this batch;
    await this.writeItems(pending, states, failures);
    // 2. earlier documents of contacts whose access, block, merge or deletion changed;
    // (a contact first indexed in this batch has none: its items above already carry its final state)
    const existed = (state: ContactState) => state.seqNo !== undefined;
    await this.spread([...states.values()].filter((state) => (state.spread && existed(state)) || state.absorbed.size > 0 || state.deletedNow));
    // 3. contacts last: if anything above failed, the retry sees the same changes and does it again.
    await this.writeContacts(states, failures);
    return failures;
  }

  // ---- reading -------------------------------------------------------------------------------------

  private contactKeys(event: EventEnvelope): Array<[string, string]> {
    const ws = event.workspaceId;
    if (ContactMerged.is(event)) return [[ws, event.data.contact.id], [ws, event.data.sourceContactId]];
    if (ContactDeleted.is(event)) return [[ws, event.data.contactId]];
    const data = event.data as { contact?: ContactSnapshot; thread?: ThreadSnapshot };
    if (event.type.startsWith('contacts.') && data.contact) return [[ws, data.contact.id]];
    if (data.thread) return [[ws, data.thread.contactId]];
    return [];
  }

  private async loadContacts(events: EventEnvelope[]): Promise<Map<string, ContactState>> {
    const states = new Map<string, ContactState>();
    let wanted = new Map<string, [string, string]>();
    for (const event of events) for (const [ws, id] of this.contactKeys(event)) wanted.set(docId(ws, id), [ws, id]);
    // Follow merges: a message of a merged-away contact belongs to the kept one.
    for (let round = 0; round < 4 && wanted.size > 0; round++) {
      const ids = [...wanted.keys()].filter((key) => !states.has(key));
      if (ids.length === 0) break;
      const answer = await this.client.mget<ContactDoc>({ index: this.indexes.contacts, ids });
      const next = new Map<string, [string, string]>();
      for (const found of answer.docs) {
        const [workspaceId, contactId] = wanted.get(found._id)!;
        const hit = 'found' in found && found.found ? found : null;
        const state: ContactState = {
          key: found._id,
          workspaceId,
          contactId,
          doc: hit?._source ?? null,
          seqNo: hit?._seq_no,
          primaryTerm: hit?._primary_term,
          dirty: false,
          spread: false,
          absorbed: new Set(),
          deletedNow: false,
        };
        states.set(found._id, state);
        const into = state.doc?.mergedInto;
        if (into && !states.has(docId(workspaceId, into))) next.set(docId(workspaceId, into), [workspaceId, into]);
      }
      wanted = next;
    }
    return states;
  }

  private state(states: Map<string, ContactState>, workspaceId: string, contactId: string): ContactState {
    const key = docId(workspaceId, contactId);
    let state = states.get(key);
    if (!state) {
      state = { key, workspaceId, contactId, doc: null, dirty: false, spread: false, absorbed: new Set(), deletedNow: false };
      states.set(key, state);
    }
    return state;
  }

  /** The contact a thread's items belong to now: merges followed. */
  private owner(states: Map<string, ContactState>, workspaceId: string, contactId: string): ContactState {
    let state = this.state(states, workspaceId, contactId);
    for (let hops = 0; hops < 4 && state.doc?.mergedInto; hops++) state = this.state(states, workspaceId, state.doc.mergedInto);
    return state;
  }

  // ---- applying one event --------------------------------------------------------------------------

  private applyEvent(event: EventEnvelope, states: Map<string, ContactState>, pending: PendingItem[]) {
    const ws = event.workspaceId;
    if (ContactCreated.is(event) || ContactUpdated.is(event) || ContactBlocked.is(event) || ContactUnblocked.is(event)) {
      this.applyContact(this.state(states, ws, event.data.contact.id), event.data.contact);
      return;
    }
    if (ContactDeleted.is(event)) {
      const state = this.state(states, ws, event.data.contactId);
      const doc = state.doc ?? emptyContact(ws, event.data.contactId);
      if (doc.deleted) return;
      state.doc = { ...doc, deleted: true, contactAt: event.occurredAt };
      state.dirty = true;
      state.deletedNow = true;
      return;
    }
    if (ContactMerged.is(event)) {
      const kept = this.state(states, ws, event.data.contact.id);
      this.applyContact(kept, event.data.contact);
      const source = this.state(states, ws, event.data.sourceContactId);
      if (source.doc?.mergedInto === kept.contactId) return;
      source.doc = { ...(source.doc ?? emptyContact(ws, source.contactId)), deleted: true, mergedInto: kept.contactId, contactAt: event.occurredAt };
      source.dirty = true;
      kept.absorbed.add(source.contactId);
      return;
    }
    const data = event.data as { thread?: ThreadSnapshot; message?: MessageSnapshot; comment?: CommentSnapshot };
    if (!data.thread) return;
    const owner = this.owner(states, ws, data.thread.contactId);
    // The thread's access counts for the contact it belongs to now (after a merge, the kept one's own thread decides).
    if (owner.contactId === data.thread.contactId) this.applyAccess(owner, data.thread);
    if (MessageCreated.is(event) || MessageUpdated.is(event)) {
      const message = event.data.message;
      const remove = !isSearchableMessage(message);
      // A message that never was searchable needs no delete; one that stopped being (suppressed later) does.
      if (remove && MessageCreated.is(event)) return;
      pending.push({ eventId: event.id, occurredAt: event.occurredAt, key: owner.key, item: message, remove });
    } else if (CommentCreated.is(event)) {
      if (event.data.comment.text.trim()) pending.push({ eventId: event.id, occurredAt: event.occurredAt, key: owner.key, item: event.data.comment, remove: false });
    }
  }

  private applyContact(state: ContactState, contact: ContactSnapshot) {
    const doc = state.doc ?? emptyContact(state.workspaceId, state.contactId);
    if (doc.deleted) return;
    if (doc.contactAt && doc.contactAt > contact.updatedAt) return;
    const next: ContactDoc = { ...doc, ...contactSearchFields(contact), hasDetails: true, blocked: contact.blocked, contactAt: contact.updatedAt, contact };
    // Until the conversations service speaks for the thread, the assignment given at creation decides (CON-1).
    if (!doc.accessAt) {
      const access = storedAccess({ ...NO_ACCESS_GRANTS, assigneeId: contact.assigneeId, teamId: contact.teamId });
      if (!sameAccess(access, accessOf(doc))) state.spread = true;
      Object.assign(next, access);
    }
    if (next.blocked !== doc.blocked) state.spread = true;
    state.doc = next;
    state.dirty = true;
  }

  private applyAccess(state: ContactState, thread: ThreadSnapshot) {
    const doc = state.doc ?? emptyContact(state.workspaceId, state.contactId);
    if (doc.deleted) return;
    if (doc.accessAt && doc.accessAt >= thread.updatedAt) return;
    const access = storedAccess(thread);
    // Only a change is written: every message moves the thread's time, not its access.
    if (state.doc && sameAccess(access, accessOf(doc))) return;
    state.doc = { ...doc, ...access, accessAt: thread.updatedAt };
    state.dirty = true;
    state.spread = true;
  }

  // ---- writing -------------------------------------------------------------------------------------

  private async writeItems(pending: PendingItem[], states: Map<string, ContactState>, failures: PermanentFailure[]) {
    if (pending.length === 0) return;
    const operations: unknown[] = [];
    const origin: string[] = [];
    for (const entry of pending) {
      const owner = states.get(entry.key)!;
      const doc = owner.doc;
      const id = docId(owner.workspaceId, `${entry.item.kind}:${entry.item.id}`);
      const version = eventVersion(entry.occurredAt);
      if (entry.remove || doc?.deleted) {
        operations.push({ delete: { _index: this.indexes.messages, _id: id, version, version_type: 'external_gte' } });
      } else {
        const source: MessageDoc = {
          workspaceId: owner.workspaceId,
          contactId: owner.contactId,
          ...(timelineItemFields(entry.item) as Omit<MessageDoc, 'workspaceId' | 'contactId' | 'blocked' | keyof StoredAccess>),
          blocked: doc?.blocked ?? false,
          ...(doc ? accessOf(doc) : storedAccess(NO_ACCESS_GRANTS)),
        };
        operations.push({ index: { _index: this.indexes.messages, _id: id, version, version_type: 'external_gte' } }, source);
      }
      origin.push(entry.eventId);
    }
    const answer = await this.bulk(operations);
    answer.items.forEach((item, i) => {
      const result = Object.values(item)[0] as { status: number; error?: { type: string; reason?: string } };
      if (!result.error || result.status === 404) return;
      if (result.status === 409) return; // a newer version is already there
      if (result.status === 429 || result.status >= 500) throw new TransientIndexingError(`elasticsearch refused a write (${result.status} ${result.error.type})`);
      failures.push({ eventId: origin[i], reason: `${result.error.type}: ${result.error.reason ?? ''}` });
    });
  }

  /** Brings a contact's earlier message documents in line: new access / block, merged in, or deleted. */
  private async spread(changed: ContactState[]) {
    if (changed.length === 0) return;
    await this.client.indices.refresh({ index: this.indexes.messages });
    for (const state of changed) {
      const doc = state.doc;
      if (!doc) continue;
      const contactIds = [state.contactId, ...state.absorbed];
      const update = { contactId: state.contactId, blocked: doc.blocked, ...accessOf(doc) };
      let after: unknown[] | undefined;
      for (;;) {
        const page = await this.client.search({
          index: this.indexes.messages,
          size: 1000,
          _source: false,
          query: { bool: { filter: [{ term: { workspaceId: state.workspaceId } }, { terms: { contactId: contactIds } }] } },
          sort: [{ createdAt: 'asc' }, { id: 'asc' }, { kind: 'asc' }],
          ...(after ? { search_after: after as never } : {}),
        });
        const hits = page.hits.hits;
        if (hits.length === 0) break;
        const operations = hits.flatMap((hit): unknown[] =>
          doc.deleted ? [{ delete: { _index: this.indexes.messages, _id: hit._id } }] : [{ update: { _index: this.indexes.messages, _id: hit._id, retry_on_conflict: 3 } }, { doc: update }],
        );
        const answer = await this.bulk(operations);
        const refused = answer.items.map((item) => Object.values(item)[0] as { status: number; error?: { type: string } }).find((r) => r.error && r.status !== 404);
        if (refused) throw new TransientIndexingError(`elasticsearch refused a message update (${refused.status} ${refused.error!.type})`);
        if (hits.length < 1000) break;
        after = hits[hits.length - 1].sort;
      }
    }
  }

  private async writeContacts(states: Map<string, ContactState>, failures: PermanentFailure[]) {
    const operations: unknown[] = [];
    for (const state of states.values()) {
      if (!state.dirty || !state.doc) continue;
      const meta =
        state.seqNo !== undefined && state.primaryTerm !== undefined
          ? { index: { _index: this.indexes.contacts, _id: state.key, if_seq_no: state.seqNo, if_primary_term: state.primaryTerm } }
          : { create: { _index: this.indexes.contacts, _id: state.key } };
      operations.push(meta, state.doc);
    }
    if (operations.length === 0) return;
    const answer = await this.bulk(operations);
    for (const item of answer.items) {
      const result = Object.values(item)[0] as { _id: string; status: number; error?: { type: string; reason?: string } };
      if (!result.error) continue;
      // Another writer changed the contact since it was read: read again and re-apply (the batch is retried).
      if (result.status === 409 || result.status === 429 || result.status >= 500) {
        throw new TransientIndexingError(`contact ${result._id} could not be written (${result.status} ${result.error.type})`);
      }
      this.logger.error({ contact: result._id, error: result.error }, 'contact document refused by elasticsearch');
      failures.push({ eventId: `contact:${result._id}`, reason: `${result.error.type}: ${result.error.reason ?? ''}` });
    }
  }

  private async bulk(operations: unknown[]) {
    try {
      return await this.client.bulk({ operations: operations as never, refresh: false });
    } catch (error) {
      throw new TransientIndexingError(`elasticsearch bulk failed: ${(error as Error).message}`);
    }
  }
}
