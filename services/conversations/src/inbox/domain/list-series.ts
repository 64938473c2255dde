import { CallerScope, seesWholeWorkspace, ThreadSnapshot } from '@omnibox/contracts';
import type { AdvancedFilter } from './custom-filter';
import type { InboxView } from './inbox-views';
import { scoreOf, SortKind, sortKindOf, SortOrder, sortValue, StatusFilter } from './list-order';

/**
 * Which ordered index series a thread is in, and which series a list reads (INB-1…4, VIS-2/3).
 *
 * Why series: over FerretDB only top-level equality reaches PostgreSQL; ranges, `$in`, `$or`, sorts
 * and limits are done in memory after reading every matching document, so no query on the rows can
 * answer "the next 50 in this order" without reading a whole scope. Each thread is therefore kept in a
 * few ordered series `<workspace>/<scope>|<status>|<sort kind>` (scored by the sort time, members
 * ordered by contact id on equal times): a page reads the next entries of the few series the view and
 * the caller's visibility allow, then checks each row against every rule (list-rules.ts).
 */

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

export interface SeriesEntry {
  series: string;
  score: number;
}

/** The series a thread is in, with its score there. Deleted and never-messaged threads are in none (no list). */
export function rowSeries(workspaceId: string, thread: ThreadSnapshot | null): SeriesEntry[] {
  if (!thread || thread.deleted || !thread.lastMessage) return [];
  const blocked = thread.contact.blocked;
  const out: SeriesEntry[] = [];
  const latest = scoreOf(sortValue(thread, 'newest'));
  const since = scoreOf(thread.statusSince);
  for (const scope of threadScopes(thread)) {
    for (const status of [thread.status, '*']) out.push({ series: seriesOf(workspaceId, blocked, scope, status, 'L'), score: latest });
    out.push({ series: seriesOf(workspaceId, blocked, scope, thread.status, 'S'), score: since });
  }
  return out;
}

/** What a list reads series for: the view (with its team's members) and, for custom views, the filter. */
export interface ScopeQuery {
  view: InboxView;
  /** Members of the view's team (team views): a thread assigned to one of them is in it (INB-2). */
  memberIds: string[];
  filter: AdvancedFilter | null;
}

/**
 * The scopes a list reads: the view's own scopes narrowed by what the caller may see (VIS-2/3). Rows
 * found are still checked one by one (`rowMatches`), so a scope may be wider than needed, never narrower.
 */
export function queryScopes(caller: CallerScope, request: ScopeQuery): string[] {
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

/** The status part of a series name: the status filter, or `*` for All. */
export const listStatus = (status: StatusFilter): string => (status === 'all' ? '*' : status);

/** The series a list reads, once each. */
export function listSeries(caller: CallerScope, request: ScopeQuery & { status: StatusFilter; sort: SortOrder }): string[] {
  const blocked = request.view.kind === 'blocked';
  return [...new Set(queryScopes(caller, request))].map((scope) => seriesOf(caller.workspaceId, blocked, scope, listStatus(request.status), sortKindOf(request.sort)));
}
