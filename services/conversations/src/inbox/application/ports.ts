import type { ThreadSnapshot } from '@omnibox/contracts';
import type { AdvancedFilter } from '../domain/custom-filter';
import type { CustomView, CustomViewSharing } from '../domain/custom-views';
import type { DirectoryUser, WorkspaceDirectory, WorkspaceTeam } from '@omnibox/directory';
import type { Dot } from '../domain/dots';
import type { Position } from '../domain/list-order';
import type { SeriesEntry } from '../domain/list-series';
import type { InboxRow, RowAttributes } from '../domain/list-rules';

/**
 * The ports of the inbox's use cases: what they need from storage and messaging, in the domain's
 * words. Adapters under ../adapters implement them (Redis for the hot read model, MongoDB for what
 * must survive, JetStream for announcements).
 */

/** The rows and ordered series lists read (Redis): rebuilt from the threads, never the source of truth. */
export interface InboxRows {
  /**
   * Moves a thread's row and series to this snapshot in one step; a snapshot older than the stored one
   * changes nothing. 'needs-attributes': written, but the row has no contact attributes yet.
   */
  project(workspaceId: string, thread: ThreadSnapshot, series: SeriesEntry[]): Promise<'ignored' | 'written' | 'needs-attributes'>;
  /** Sets a row's contact attributes; with `onlyIfMissing`, keeps attributes already there (written by a newer contact event). */
  setAttributes(contactId: string, attrs: RowAttributes, onlyIfMissing?: boolean): Promise<void>;
  /**
   * The next `count` entries of each series from `from` (inclusive of its score), in list order
   * (`descending`: from the latest score down), one answer per series, with the rows they name read in
   * the same step.
   */
  read(series: string[], from: Position | null, count: number, descending: boolean): Promise<SeriesRead>;
}

export interface SeriesRead {
  entries: Position[][];
  /** The row of a contact named in `entries` (null for a thread never projected). */
  row(contactId: string): InboxRow | null;
}
export const INBOX_ROWS = Symbol('InboxRows');

/** INB-5: open threads per (team, assignee) bucket of a workspace, kept incrementally. */
export interface OpenCounts {
  /** Moves a thread to its bucket unless a newer snapshot placed it already; answers whether the counts changed. */
  place(workspaceId: string, contactId: string, snapshotAt: string, bucket: string): Promise<boolean>;
  of(workspaceId: string): Promise<Record<string, number>>;
}
export const OPEN_COUNTS = Symbol('OpenCounts');

/** INB-6: each user's new-message dots (view → when it was lit). */
export interface NewMessageDots {
  /** Lights the dots; answers the users whose dot was not lit before (whose sidebar now shows one more). */
  light(workspaceId: string, dots: Dot[], at: string): Promise<string[]>;
  of(workspaceId: string, userId: string): Promise<Record<string, string>>;
  /** Answers whether the dot was lit. */
  clear(workspaceId: string, userId: string, view: string): Promise<boolean>;
}
export const NEW_MESSAGE_DOTS = Symbol('NewMessageDots');

/** The contact attributes advanced filters read (FLT-5): durable, so a rebuilt row gets them back. */
export interface ContactAttributes {
  save(workspaceId: string, contactId: string, attrs: RowAttributes): Promise<void>;
  find(contactId: string): Promise<RowAttributes | null>;
}
export const CONTACT_ATTRIBUTES = Symbol('ContactAttributes');

/** What a custom view is created from. */
export interface NewCustomView {
  workspaceId: string;
  name: string;
  filter: AdvancedFilter;
  sharing: CustomViewSharing;
  createdBy: string;
  at: Date;
}

/** INB-3: the custom views of a workspace. */
export interface CustomViews {
  create(view: NewCustomView): Promise<CustomView>;
  find(workspaceId: string, id: string): Promise<CustomView | null>;
  /** Every custom view of the workspace (read on every sidebar: kept warm). */
  ofWorkspace(workspaceId: string): Promise<CustomView[]>;
  update(view: CustomView, changes: { name?: string; filter?: AdvancedFilter; sharing?: CustomViewSharing }, at: Date): Promise<CustomView>;
  delete(view: CustomView): Promise<void>;
  markRefreshed(view: CustomView, userId: string, at: string): Promise<void>;
}
export const CUSTOM_VIEWS = Symbol('CustomViews');

/** The workspace directory, as kept from the `directory.*` events. */
export interface Directory {
  /** The directory of a workspace; `maxAgeMs` accepts a copy that old (never for what decides access). */
  of(workspaceId: string, options?: { maxAgeMs?: number }): Promise<WorkspaceDirectory>;
  /** Records a user or a team as of `at`; an older state than the recorded one changes nothing. */
  saveUser(workspaceId: string, user: DirectoryUser, at: string): Promise<void>;
  saveTeam(workspaceId: string, team: WorkspaceTeam, at: string): Promise<void>;
}
export const DIRECTORY = Symbol('Directory');

/** Tells the realtime hub whose sidebars may have changed (`conversations.inbox.updated`). */
export interface SidebarAnnouncer {
  /** `key` identifies the change, so announcing it again is announcing it once. */
  changed(workspaceId: string, key: string, users: 'everyone' | string[]): Promise<void>;
}
export const SIDEBAR_ANNOUNCER = Symbol('SidebarAnnouncer');

/** Every thread as events carry it, for rebuilding the read model. */
export interface ThreadSnapshots {
  all(workspaceId?: string): AsyncIterable<{ workspaceId: string; thread: ThreadSnapshot }>;
}
export const THREAD_SNAPSHOTS = Symbol('ThreadSnapshots');
