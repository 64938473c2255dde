import type { CallerScope, ContactSnapshot, EventEnvelope } from '@omnibox/contracts';
import type { StoredAccess } from '../domain/access';
import type { ContactDocument } from '../domain/contact-document';
import type { TimelineDocument } from '../domain/documents';
import type { ContactQuery, MessageQuery } from '../domain/query';

/** The ports of the search service's use cases: the indexes (Elasticsearch), recent searches (Redis) and the event stream (NATS). */

export type IndexKind = 'contacts' | 'messages';
/** The index of each kind: the aliases the service reads and writes, or fresh indexes a rebuild fills. */
export type IndexNames = Record<IndexKind, string>;

// ---- writing the indexes ---------------------------------------------------------------------------

/** What optimistic concurrency needs to write a contact document back only if nobody changed it since. */
export interface DocumentVersion {
  seqNo: number;
  primaryTerm: number;
}

export interface LoadedContact {
  id: string;
  doc: ContactDocument | null;
  version?: DocumentVersion;
}

/** A message or comment document to index (`doc`), or to delete (`doc` null), at the version of its event's time. */
export interface TimelineWrite {
  eventId: string;
  id: string;
  version: number;
  doc: TimelineDocument | null;
}

/** A contact whose earlier message and comment documents must follow it (access, block, merge, deletion). */
export interface ContactFollow {
  workspaceId: string;
  /** The contact, and the contacts merged into it whose documents move to it. */
  contactIds: string[];
  /** A deleted contact's documents go; otherwise they take `update`. */
  deleted: boolean;
  update: { contactId: string; blocked: boolean } & StoredAccess;
}

export interface ContactWrite {
  id: string;
  doc: ContactDocument;
  /** Absent for a contact document that did not exist when read: it is created, never overwritten. */
  version?: DocumentVersion;
}

/** An event Elasticsearch refuses for good: retrying cannot fix it, so it is dead-lettered. */
export interface PermanentFailure {
  eventId: string;
  reason: string;
}

/** Elasticsearch did not take the batch (down, overloaded, a concurrent writer): retry all of it. */
export class TransientIndexingError extends Error {}

/** Writes one set of indexes. Every method either takes everything or throws TransientIndexingError. */
export interface IndexWriter {
  /** Contact documents by id, in the order asked; a missing one answers doc null. */
  loadContacts(ids: string[]): Promise<LoadedContact[]>;
  /** An older version never overwrites a newer document. */
  writeTimeline(writes: TimelineWrite[]): Promise<PermanentFailure[]>;
  followContacts(follows: ContactFollow[]): Promise<void>;
  /** Fails (transiently) when a loaded contact changed since it was read: the batch is then applied again. */
  writeContacts(writes: ContactWrite[]): Promise<PermanentFailure[]>;
}

/** The index templates, the aliases and the indexes behind them. */
export interface IndexAdmin {
  readonly aliases: IndexNames;
  /** Templates current and every alias pointing at an index; safe to repeat. */
  ensure(): Promise<void>;
  /** Fresh, empty indexes no alias points at yet. */
  createFresh(): Promise<IndexNames>;
  /** Moves every alias to `next` in one atomic step; answers the indexes they left. */
  switchTo(next: IndexNames): Promise<IndexNames>;
  remove(index: string): Promise<void>;
}

/** The event stream the indexes are built from, for a rebuild's replay. */
export interface EventLog {
  /** Sequence of the last event stored. */
  head(): Promise<number>;
  /** Hands the events of `types` with sequence in [from, to] to `apply`, in order, in batches; answers how many. */
  replay(range: { from: number; to: number }, types: ReadonlySet<string>, batchSize: number, apply: (events: EventEnvelope[]) => Promise<void>): Promise<number>;
}

// ---- reading the indexes ---------------------------------------------------------------------------

/** A page of what a search found; `next` is where the next page starts (null on the last). */
export interface Found<T> {
  items: T[];
  next: unknown[] | null;
}

/** A message or comment found (SRH-4…7). */
export interface Hit {
  contactId: string;
  id: string;
  kind: string;
  createdAt: string;
  snippet: string;
}

export interface TimelineSearch {
  kinds?: Array<'message' | 'comment'>;
  contactId?: string;
  order: 'asc' | 'desc';
}

/** Searches through the aliases, always inside the caller's visibility. */
export interface SearchIndex {
  contacts(caller: CallerScope, query: ContactQuery, limit: number, after?: unknown[]): Promise<Found<ContactSnapshot>>;
  timeline(caller: CallerScope, query: MessageQuery, search: TimelineSearch, limit: number, after?: unknown[]): Promise<Found<Hit>>;
  /** The contact document of a thread, for the in-thread search's visibility check; null when there is none. */
  contact(workspaceId: string, contactId: string): Promise<ContactDocument | null>;
}

/** SRH-8: each user's recent searches. */
export interface RecentSearch {
  q: string;
  scope: string;
  at: string;
}

export interface RecentSearchStore {
  /** Best effort: a search still answers when this fails. */
  remember(caller: CallerScope, q: string, scope: string): Promise<void>;
  list(caller: CallerScope): Promise<RecentSearch[]>;
}

/** What the use cases log (pino's logger is one). */
export interface Log {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export const SEARCH_INDEX = Symbol('SearchIndex');
export const RECENT_SEARCHES = Symbol('RecentSearchStore');
export const INDEX_ADMIN = Symbol('IndexAdmin');
