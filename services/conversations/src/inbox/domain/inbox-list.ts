import {
  AdvancedFilter,
  CallerScope,
  canSeeThread,
  InboxView,
  matchesFilter,
  placementOf,
  seesWholeWorkspace,
  ThreadSnapshot,
  viewHoldsThread,
} from '@omnibox/contracts';

/**
 * The conversation list of a view (INB-1…4, FLT-1…6, VIS-2/3) as pure rules: which index keys a thread
 * row carries, which keys a query reads, the order of the list and its cursor.
 *
 * Why keys: over FerretDB only top-level equality reaches PostgreSQL (and its GIN indexes); ranges,
 * `$in`, `$or` and sorts are done in memory after reading every matching document. So each row
 * carries keys `<workspace>/<scope>|<status>|<sort kind><day>` and a list reads the rows of one day
 * of one scope at a time, in sort order, until the page is full: the cost of a page is the rows of a
 * few days of the scopes of the view, not the whole workspace. MongoDB serves the same queries from
 * the same multikey index.
 */

export type StatusFilter = 'all' | 'open' | 'closed' | 'snoozed';
export type SortOrder = 'newest' | 'oldest' | 'longest' | 'shortest';
export const STATUS_FILTERS: StatusFilter[] = ['all', 'open', 'closed', 'snoozed'];
export const SORT_ORDERS: SortOrder[] = ['newest', 'oldest', 'longest', 'shortest'];

/** Contact attributes FLT-5 filters look at, kept on the row from contact events. */
export interface RowAttributes {
  tags: string[];
  language: string | null;
  countryCode: string | null;
  customFields: Record<string, unknown>;
}

export interface InboxRow {
  _id: string;
  workspaceId: string;
  /** Index keys (see above); empty while the row has no listable thread. */
  keys: string[];
  thread: ThreadSnapshot | null;
  attrs: RowAttributes | null;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * The time bucket of a key. The whole-workspace scope is dense (every thread), so it is cut by the
 * hour; every other scope (one assignee, team, collaborator) by the day. All scopes of one query share
 * a size: a whole-workspace query reads that scope alone.
 */
export const bucketMs = (scope: string): number => (scope === 'w' ? HOUR_MS : DAY_MS);
export const bucketOf = (iso: string | null | undefined, size: number = DAY_MS): number => (iso ? Math.floor(Date.parse(iso) / size) : 0);

/** Sort kinds: L = time of the latest message (FLT-3), S = time the thread entered its status (FLT-4). */
type SortKind = 'L' | 'S';

export const sortKindOf = (sort: SortOrder): SortKind => (sort === 'newest' || sort === 'oldest' ? 'L' : 'S');
/** Newest and Shortest read from the latest time backwards. */
export const descending = (sort: SortOrder): boolean => sort === 'newest' || sort === 'shortest';

export function sortValue(thread: ThreadSnapshot, sort: SortOrder): string {
  // Threads with no data for their status get '' : first under Longest, last under Shortest (FLT-4).
  return sortKindOf(sort) === 'L' ? thread.lastMessageAt ?? thread.lastMessage?.at ?? '' : thread.statusSince ?? '';
}

/** Scopes of a thread: whole workspace, assignee, team, team-unassigned, collaborators, mentioned users. */
export function threadScopes(thread: ThreadSnapshot): string[] {
  const scopes = ['w', `a:${thread.assigneeId ?? '-'}`, `t:${thread.teamId ?? '-'}`];
  if (thread.teamId && !thread.assigneeId) scopes.push(`tu:${thread.teamId}`);
  for (const id of thread.collaboratorIds ?? []) scopes.push(`c:${id}`);
  for (const id of Object.keys(thread.mentionedUntil ?? {})) scopes.push(`m:${id}`);
  return [...new Set(scopes)];
}

/** A series is a key without its day; the days each series has rows on are kept beside the rows. */
export function seriesOf(workspaceId: string, blocked: boolean, scope: string, status: string, kind: SortKind): string {
  return `${workspaceId}/${blocked ? 'X' : 'V'}${scope}|${status}|${kind}`;
}

/** Index keys of a row with their series and day. Deleted and never-messaged threads get none (no list). */
export function rowKeys(workspaceId: string, thread: ThreadSnapshot | null): Array<{ series: string; day: number; key: string }> {
  if (!thread || thread.deleted || !thread.lastMessage) return [];
  const blocked = thread.contact.blocked;
  const out: Array<{ series: string; day: number; key: string }> = [];
  for (const scope of threadScopes(thread)) {
    const lDay = bucketOf(sortValue(thread, 'newest'), bucketMs(scope));
    const sDay = bucketOf(thread.statusSince, bucketMs(scope));
    for (const status of [thread.status, '*']) {
      const series = seriesOf(workspaceId, blocked, scope, status, 'L');
      out.push({ series, day: lDay, key: `${series}${lDay}` });
    }
    const series = seriesOf(workspaceId, blocked, scope, thread.status, 'S');
    out.push({ series, day: sDay, key: `${series}${sDay}` });
  }
  return out;
}

export interface ListRequest {
  view: InboxView;
  /** Members of the view's team (team views), from the gateway's directory. */
  memberIds: string[];
  status: StatusFilter;
  sort: SortOrder;
  unreplied: boolean;
  filter: AdvancedFilter | null;
}

/**
 * The scopes a list reads: the view's own scopes narrowed by what the caller may see (VIS-2/3). Rows
 * found are still checked one by one (`rowMatches`), so a scope may be wider than needed, never narrower.
 */
export function queryScopes(caller: CallerScope, request: ListRequest): string[] {
  const me = caller.principalId;
  const visible = seesWholeWorkspace(caller)
    ? ['w']
    : [`a:${me}`, `c:${me}`, `m:${me}`, ...(caller.restriction === 'team' ? [...caller.teamIds.map((id) => `t:${id}`), ...caller.teamMemberIds.map((id) => `a:${id}`)] : [])];
  const view = request.view;
  switch (view.kind) {
    case 'mine':
      return [`a:${me}`];
    case 'team':
      return [`t:${view.teamId}`, ...request.memberIds.map((id) => `a:${id}`)];
    case 'team_unassigned':
      return [`tu:${view.teamId}`];
    case 'unassigned':
      return visible[0] === 'w' ? ['a:-'] : visible;
    case 'custom': {
      // A condition that pins the assignee or the team reads only that scope.
      const pinned = (request.filter?.all ?? []).find((c) => c.op === 'eq' && (c.field === 'assigneeId' || c.field === 'teamId') && typeof c.value === 'string');
      if (pinned && visible[0] === 'w') return [`${pinned.field === 'assigneeId' ? 'a' : 't'}:${pinned.value as string}`];
      return visible;
    }
    default:
      return visible;
  }
}

export const listStatus = (request: ListRequest): string => (request.status === 'all' ? '*' : request.status);

export interface Cursor {
  value: string;
  id: string;
}

const CURSOR = /^[0-9TZ:.+-]{0,40}\|[A-Za-z0-9_-]{1,64}$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.value}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(text: string): Cursor | null {
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  if (!CURSOR.test(decoded)) return null;
  const at = decoded.lastIndexOf('|');
  return { value: decoded.slice(0, at), id: decoded.slice(at + 1) };
}

/** List order: by the sort value, then by id so equal times have one stable order. */
export function compareRows(a: { value: string; id: string }, b: { value: string; id: string }, sort: SortOrder): number {
  const order = a.value < b.value ? -1 : a.value > b.value ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return descending(sort) ? -order : order;
}

/** Strictly after the cursor in list order, so a page never repeats the one before it. */
export function afterCursor(row: { value: string; id: string }, cursor: Cursor | null, sort: SortOrder): boolean {
  return !cursor || compareRows(row, cursor, sort) > 0;
}

/** Every rule of the list for one row: view, visibility, status, unreplied, advanced filter. */
export function rowMatches(caller: CallerScope, request: ListRequest, row: InboxRow, now: Date = new Date()): boolean {
  const thread = row.thread;
  if (!thread || row.workspaceId !== caller.workspaceId) return false;
  const placement = placementOf(thread);
  if (!viewHoldsThread(request.view, placement, caller.principalId, () => request.memberIds)) return false;
  if (!canSeeThread(caller, placement, now)) return false;
  // FLT-6: snoozed threads only under All and Snoozed (the status key already says so).
  if (request.status !== 'all' && thread.status !== request.status) return false;
  if (request.unreplied && !thread.unreplied) return false;
  if (request.filter) {
    const attrs = row.attrs ?? { tags: [], language: null, countryCode: null, customFields: {} };
    const subject = {
      status: thread.status,
      assigneeId: thread.assigneeId,
      teamId: thread.teamId,
      channelId: thread.lastIncomingChannelId,
      tags: attrs.tags,
      language: attrs.language,
      countryCode: attrs.countryCode,
      unreplied: thread.unreplied,
      lastMessageAt: thread.lastMessageAt,
      customFields: attrs.customFields,
    };
    if (!matchesFilter(subject, request.filter)) return false;
  }
  return true;
}

/** FLT-1/4: the refusals of a list request, as {field, message}. */
export function listRequestProblem(input: { status: string; sort: string; view: InboxView }): { field: string; message: string } | null {
  if (!(STATUS_FILTERS as string[]).includes(input.status)) return { field: 'status', message: `must be one of ${STATUS_FILTERS.join(', ')}` };
  if (!(SORT_ORDERS as string[]).includes(input.sort)) return { field: 'sort', message: `must be one of ${SORT_ORDERS.join(', ')}` };
  if (input.view.kind === 'blocked' && input.status !== 'all') return { field: 'status', message: 'is fixed to all in the blocked view (INB-4)' };
  if ((input.sort === 'longest' || input.sort === 'shortest') && input.status === 'all') {
    return { field: 'sort', message: `${input.sort} sorts by time in one status: choose status open, closed or snoozed (FLT-4)` };
  }
  return null;
}
