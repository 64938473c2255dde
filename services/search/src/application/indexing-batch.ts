import { CommentSnapshot, ContactDeleted, ContactMerged, ContactSnapshot, EventEnvelope, MessageSnapshot, NO_ACCESS_GRANTS, ThreadSnapshot } from '@omnibox/contracts';
import { storedAccess } from '../domain/access';
import { accessOf, ContactDocument, emptyContactDocument } from '../domain/contact-document';
import { documentId, timelineDocument } from '../domain/documents';
import type { ContactFollow, ContactWrite, DocumentVersion, IndexWriter, TimelineWrite } from './ports';

/** A contact document as a batch of events leaves it. */
export interface ContactState {
  id: string;
  workspaceId: string;
  contactId: string;
  doc: ContactDocument | null;
  /** Set when the document existed when the batch began. */
  version?: DocumentVersion;
  dirty: boolean;
  /** What its message documents carry (access, blocked) changed, so they must follow. */
  follow: boolean;
  /** Contacts merged into this one: their message documents move here. */
  absorbed: Set<string>;
  /** Deleted by an event of this batch: its message documents go. */
  deletedNow: boolean;
}

/** A message or comment to index (or, `remove`, to delete) under the contact that owns its thread. */
interface PendingItem {
  eventId: string;
  occurredAt: string;
  ownerId: string;
  item: MessageSnapshot | CommentSnapshot;
  remove: boolean;
}

/** Message documents are versioned by event time in microseconds, so an older event never overwrites a newer one. */
export function eventVersion(occurredAt: string): number {
  return Date.parse(occurredAt) * 1000;
}

/** Contacts an event changes or files its items under. */
function contactsOf(event: EventEnvelope): string[] {
  if (ContactMerged.is(event)) return [event.data.contact.id, event.data.sourceContactId];
  if (ContactDeleted.is(event)) return [event.data.contactId];
  const data = event.data as { contact?: ContactSnapshot; thread?: ThreadSnapshot };
  if (event.type.startsWith('contacts.') && data.contact) return [data.contact.id];
  if (data.thread) return [data.thread.contactId];
  return [];
}

/**
 * The state of the indexes a batch of events works on: every contact document the events touch, read
 * once (merges followed), changed in memory event by event, then written in a few bulk requests.
 */
export class IndexingBatch {
  private readonly contacts = new Map<string, ContactState>();
  private readonly items: PendingItem[] = [];

  /** Reads the contacts the events touch, and the contacts they were merged into (a few hops). */
  static async load(writer: IndexWriter, events: EventEnvelope[]): Promise<IndexingBatch> {
    const batch = new IndexingBatch();
    let wanted = new Map<string, [string, string]>();
    for (const event of events) for (const contactId of contactsOf(event)) wanted.set(documentId(event.workspaceId, contactId), [event.workspaceId, contactId]);
    for (let round = 0; round < 4 && wanted.size > 0; round++) {
      const ids = [...wanted.keys()].filter((id) => !batch.contacts.has(id));
      if (ids.length === 0) break;
      const next = new Map<string, [string, string]>();
      for (const loaded of await writer.loadContacts(ids)) {
        const [workspaceId, contactId] = wanted.get(loaded.id)!;
        const state = batch.state(workspaceId, contactId);
        state.doc = loaded.doc;
        state.version = loaded.version;
        const into = state.doc?.mergedInto;
        if (into && !batch.contacts.has(documentId(workspaceId, into))) next.set(documentId(workspaceId, into), [workspaceId, into]);
      }
      wanted = next;
    }
    return batch;
  }

  state(workspaceId: string, contactId: string): ContactState {
    const id = documentId(workspaceId, contactId);
    let state = this.contacts.get(id);
    if (!state) {
      state = { id, workspaceId, contactId, doc: null, dirty: false, follow: false, absorbed: new Set(), deletedNow: false };
      this.contacts.set(id, state);
    }
    return state;
  }

  /** The contact a thread's items belong to now: merges followed. */
  owner(workspaceId: string, contactId: string): ContactState {
    let state = this.state(workspaceId, contactId);
    for (let hops = 0; hops < 4 && state.doc?.mergedInto; hops++) state = this.state(workspaceId, state.doc.mergedInto);
    return state;
  }

  /** The document (or a new, empty one) as the events so far left it. */
  current(state: ContactState): ContactDocument {
    return state.doc ?? emptyContactDocument(state.workspaceId, state.contactId);
  }

  change(state: ContactState, doc: ContactDocument, follow = false): void {
    state.doc = doc;
    state.dirty = true;
    if (follow) state.follow = true;
  }

  addItem(event: EventEnvelope, owner: ContactState, item: MessageSnapshot | CommentSnapshot, remove = false): void {
    this.items.push({ eventId: event.id, occurredAt: event.occurredAt, ownerId: owner.id, item, remove });
  }

  /** Message and comment documents, each with its owner's final access and block of this batch. */
  timelineWrites(): TimelineWrite[] {
    return this.items.map((entry) => {
      const owner = this.contacts.get(entry.ownerId)!;
      const doc = owner.doc;
      const id = documentId(owner.workspaceId, `${entry.item.kind}:${entry.item.id}`);
      const remove = entry.remove || doc?.deleted;
      const access = doc ? accessOf(doc) : storedAccess(NO_ACCESS_GRANTS);
      const document = remove ? null : timelineDocument({ workspaceId: owner.workspaceId, contactId: owner.contactId, blocked: doc?.blocked ?? false, access }, entry.item);
      return { eventId: entry.eventId, id, version: eventVersion(entry.occurredAt), doc: document };
    });
  }

  /**
   * Contacts whose earlier documents must follow: new access or block, contacts merged in, deleted.
   * A contact first indexed in this batch has none: its items already carry its final state.
   */
  follows(): ContactFollow[] {
    return [...this.contacts.values()]
      .filter((state) => state.doc && ((state.follow && state.version !== undefined) || state.absorbed.size > 0 || state.deletedNow))
      .map((state) => ({
        workspaceId: state.workspaceId,
        contactIds: [state.contactId, ...state.absorbed],
        deleted: state.doc!.deleted,
        update: { contactId: state.contactId, blocked: state.doc!.blocked, ...accessOf(state.doc!) },
      }));
  }

  contactWrites(): ContactWrite[] {
    return [...this.contacts.values()].filter((state) => state.dirty && state.doc).map((state) => ({ id: state.id, doc: state.doc!, version: state.version }));
  }
}
