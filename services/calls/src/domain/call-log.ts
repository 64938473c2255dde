import { CallerScope, CallStatus, canSeeThread, InboxView, seesWholeWorkspace, TeamMembers, ThreadAccess, viewHoldsThread } from '@omnibox/contracts';
import { CallState, CallView, viewOf } from './call';

/**
 * The call logs (CAL-1 tabs, CAL-4 per view), newest first, each read from ordered series: one per
 * scope of who may see or owns a call (whole workspace, assignee, team, team-unassigned,
 * collaborators, mentioned users), in one status group or all. A list reads the few series its tab or
 * view and the caller's visibility allow, then checks every row against every rule (`rowMatches`),
 * so a scope may be wider than needed, never narrower. Why series: over FerretDB only equality is
 * served by an index and sorts happen in memory, so "the next 50 newest" needs an ordered index.
 */
export type CallTab = 'all' | 'mine' | 'unassigned';
export const CALL_TABS: CallTab[] = ['all', 'mine', 'unassigned'];

/** API.md's status filter: `ended` covers every call that is over without being missed. */
export type StatusGroup = 'ringing' | 'ongoing' | 'ended' | 'missed';
export const STATUS_GROUPS: StatusGroup[] = ['ringing', 'ongoing', 'ended', 'missed'];

export function statusGroupOf(status: CallStatus): StatusGroup {
  return status === 'ringing' || status === 'ongoing' || status === 'missed' ? status : 'ended';
}

/** CAL-1: `self` agents see only Assigned to me; an API token has no "me". */
export function callTabsOf(caller: CallerScope): CallTab[] {
  if (caller.kind === 'api') return ['all', 'unassigned'];
  if (caller.role === 'agent' && caller.restriction === 'self') return ['mine'];
  return [...CALL_TABS];
}

/** A call as the lists keep it. */
export interface CallLogRow {
  workspaceId: string;
  call: CallView;
  access: ThreadAccess;
  blocked: boolean;
  deleted: boolean;
}

export function rowOf(state: CallState): CallLogRow {
  return { workspaceId: state.workspaceId, call: viewOf(state), access: state.access, blocked: state.blocked, deleted: state.deleted };
}

/** Scopes of a call: the whole workspace, its contact's assignee, team, team-unassigned, collaborators and mentioned users. */
export function callScopes(access: ThreadAccess): string[] {
  const scopes = ['w', `a:${access.assigneeId ?? '-'}`, `t:${access.teamId ?? '-'}`];
  if (access.teamId && !access.assigneeId) scopes.push(`tu:${access.teamId}`);
  for (const id of access.collaboratorIds ?? []) scopes.push(`c:${id}`);
  for (const id of Object.keys(access.mentionedUntil ?? {})) scopes.push(`m:${id}`);
  return [...new Set(scopes)];
}

export const seriesName = (workspaceId: string, scope: string, group: StatusGroup | '*'): string => `${workspaceId}/${scope}|${group}`;

export interface SeriesEntry {
  series: string;
  score: number;
}

/** The series a call is in, newest first by when it started; a blocked or deleted contact's calls are in none (CNV-8). */
export function rowSeries(row: CallLogRow): SeriesEntry[] {
  if (row.blocked || row.deleted) return [];
  const score = Date.parse(row.call.startedAt);
  const group = statusGroupOf(row.call.status);
  return callScopes(row.access).flatMap((scope) => [
    { series: seriesName(row.workspaceId, scope, group), score },
    { series: seriesName(row.workspaceId, scope, '*'), score },
  ]);
}

/** What a list reads (scopes) and keeps (holds), before visibility and the status filter. */
export interface LogQuery {
  scopes: string[];
  holds(row: CallLogRow): boolean;
}

/** VIS-1…3 as scopes: everything, or what is the caller's own, shared with or mentioned to them, and for `team` agents their teams'. */
export function visibleScopes(caller: CallerScope): string[] {
  if (seesWholeWorkspace(caller)) return ['w'];
  const me = caller.principalId;
  const team = caller.restriction === 'team' ? [...caller.teamIds.map((id) => `t:${id}`), ...caller.teamMemberIds.map((id) => `a:${id}`)] : [];
  return [...new Set([`a:${me}`, `c:${me}`, `m:${me}`, ...team])];
}

/** CAL-1: All / Assigned to me / Unassigned, limited by the caller's restriction. */
export function tabQuery(caller: CallerScope, tab: CallTab): LogQuery {
  const me = caller.principalId;
  if (tab === 'mine') return { scopes: [`a:${me}`], holds: (row) => row.access.assigneeId === me };
  const visible = visibleScopes(caller);
  if (tab === 'unassigned') return { scopes: visible[0] === 'w' ? ['a:-'] : visible, holds: (row) => !row.access.assigneeId };
  return { scopes: visible, holds: () => true };
}

/** CAL-4: the call log of a standard or team view holds the calls whose thread the view holds (the inbox's rules). */
export function viewQuery(caller: CallerScope, view: InboxView, members: TeamMembers): LogQuery {
  const me = caller.principalId;
  const holds = (row: CallLogRow) => viewHoldsThread(view, { ...row.access, status: 'open', blocked: row.blocked, deleted: row.deleted, listed: true }, me, members);
  switch (view.kind) {
    case 'mine':
      return { scopes: [`a:${me}`], holds };
    case 'team':
      return { scopes: [`t:${view.teamId}`, ...members(view.teamId).map((id) => `a:${id}`)], holds };
    case 'team_unassigned':
      return { scopes: [`tu:${view.teamId}`], holds };
    case 'unassigned': {
      const visible = visibleScopes(caller);
      return { scopes: visible[0] === 'w' ? ['a:-'] : visible, holds };
    }
    default:
      return { scopes: visibleScopes(caller), holds };
  }
}

/** Every rule a listed call passes: the caller's workspace and visibility (VIS-1…4), the status filter, the tab or view. */
export function rowMatches(caller: CallerScope, query: LogQuery, status: StatusGroup | null, row: CallLogRow, now: Date): boolean {
  if (row.workspaceId !== caller.workspaceId || row.blocked || row.deleted) return false;
  if (!canSeeThread(caller, row.access, now)) return false;
  if (status && statusGroupOf(row.call.status) !== status) return false;
  return query.holds(row);
}

/** The series a list reads, once each. */
export function listSeries(caller: CallerScope, query: LogQuery, status: StatusGroup | null): string[] {
  return [...new Set(query.scopes)].map((scope) => seriesName(caller.workspaceId, scope, status ?? '*'));
}
