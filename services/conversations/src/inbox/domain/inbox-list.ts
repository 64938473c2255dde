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
 * The conversation list of a view (INB-1…4, FLT-1…6, VIS-2/3) as pure rules: which index series a
 * thread is in, which series a query reads, the order of the list and its cursor.
 *
 * Why series: over FerretDB only top-level equality reaches PostgreSQL; ranges, `$in`, `$or`, sorts
 * and limits are done in memory after reading every matching document, so no query on the rows can
 * answer "the next 50 in this order" without reading a whole scope. Each thread is therefore kept in a
 * few ordered series `<workspace>/<scope>|<status>|<sort kind>` (Redis sorted sets, scored by the sort
 * time, members ordered by contact id on equal times): a page reads the next entries of the few series
 * the view and the caller's visibility allow, then checks each row against every rule.
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

/** A thread's row as lists read it: the thread as events carry it, and its contact's attributes. */
export interface InboxRow {
  workspaceId: string;
  thread: ThreadSnapshot;
  attrs: RowAttributes | null;
}

/** Sort kinds: L = time of the latest message (FLT-3), S = time the thread entered its status (FLT-4). */
type SortKind = 'L' | 'S';

export const sortKindOf = (sort: SortOrder): SortKind => (sort === 'newest' || sort === 'oldest' ? 'L' : 'S');
/** Newest and Shortest read from the latest time backwards. */
export const descending = (sort: SortOrder): boolean => sort === 'newest' || sort === 'shortest';

export function sortValue(thread: ThreadSnapshot, sort: SortOrder): string {
  // Threads with no data for their status get '' : first under Longest, last under Shortest (FLT-4).
  return sortKindOf(sort) === 'L' ? thread.lastMessageAt ?? thread.lastMessage?.at ?? '' : thread.statusSince ?? '';
}

/** The index score of a sort value: milliseconds, 0 for none (so they sort first ascending, last descending). */
export const scoreOf = (value: string): number => {
  const ms = value ? Date.parse(value) : 0;
  return Number.isFinite(ms) ? ms : 0;
};

/** Scopes of a thread: whole workspace, assignee, team, team-unassigned, collaborators, mentioned users. */
export function threadScopes(thread: ThreadSnapshot): string[] {
  const scopes = ['w', `a:${thread.assigneeId ?? '-'}`, `t:${thread.teamId ?? '-'}`];
  if (thread.teamId && !thread.assigneeId) scopes.push(`tu:${thread.teamId}`);
  for (const id of thread.collaboratorIds ?? []) scopes.push(`c:${id}`);
  for (const id of Object.keys(thread.mentionedUntil ?? {})) scopes.push(`m:${id}`);
  return [...new Set(scopes)];
}

/** An index series: the threads of one scope in one status (or All), ordered by one sort kind. */
export function seriesOf(workspaceId: string, blocked: boolean, scope: string, status: string, kind: SortKind): string {
  return `${workspaceId}/${blocked ? 'X' : 'V'}${scope}|${status}|${kind}`;
}

/** The series a thread is in, with its score there. Deleted and never-messaged threads are in none (no list). */
export function rowSeries(workspaceId: string, thread: ThreadSnapshot | null): Array<{ series: string; score: number }> {
  if (!thread || thread.deleted || !thread.lastMessage) return [];
  const blocked = thread.contact.blocked;
  const out: Array<{ series: string; score: number }> = [];
  const latest = scoreOf(sortValue(thread, 'newest'));
  const since = scoreOf(thread.statusSince);
  for (const scope of threadScopes(thread)) {
    for (const status of [thread.status, '*']) out.push({ series: seriesOf(workspaceId, blocked, scope, status, 'L'), score: latest });
    out.push({ series: seriesOf(workspaceId, blocked, scope, thread.status, 'S'), score: since });
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
  if (row.workspaceId !== caller.workspaceId) return false;
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
