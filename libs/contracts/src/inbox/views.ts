import type { CallerScope } from '../identity/caller';
import type { ThreadAccess } from '../identity/visibility';
import type { ThreadStatus } from '../events/conversation-events';

/**
 * Inbox views (INB-1, INB-2, INB-4): which views a caller may open and which threads a view holds.
 * The conversations service owns these rules (its inbox); they are published here as a shared kernel
 * because the calls service's call log per view (CAL-4) follows the same rules. Custom views (INB-3),
 * dots and counts stay in the conversations service.
 */
export type InboxView =
  | { kind: 'all' }
  | { kind: 'mine' }
  | { kind: 'unassigned' }
  | { kind: 'team'; teamId: string }
  | { kind: 'team_unassigned'; teamId: string }
  | { kind: 'custom'; customId: string }
  | { kind: 'blocked' };

export type StandardView = 'all' | 'mine' | 'unassigned';
export const STANDARD_VIEWS: StandardView[] = ['all', 'mine', 'unassigned'];

const ID = '[A-Za-z0-9_-]{1,64}';
const TEAM = new RegExp(`^team:(${ID})$`);
const TEAM_UNASSIGNED = new RegExp(`^team:(${ID}):unassigned$`);
const CUSTOM = new RegExp(`^custom:(${ID})$`);

export const VIEW_NAMES = 'all, mine, unassigned, team:<id>, team:<id>:unassigned, custom:<id> or blocked';

/** API.md `view`: all, mine, unassigned, team:<id>, team:<id>:unassigned, custom:<id>, blocked. */
export function parseView(text: string): InboxView | null {
  if (text === 'all' || text === 'mine' || text === 'unassigned' || text === 'blocked') return { kind: text };
  let match = TEAM_UNASSIGNED.exec(text);
  if (match) return { kind: 'team_unassigned', teamId: match[1] };
  match = TEAM.exec(text);
  if (match) return { kind: 'team', teamId: match[1] };
  match = CUSTOM.exec(text);
  if (match) return { kind: 'custom', customId: match[1] };
  return null;
}

export function viewName(view: InboxView): string {
  switch (view.kind) {
    case 'team':
      return `team:${view.teamId}`;
    case 'team_unassigned':
      return `team:${view.teamId}:unassigned`;
    case 'custom':
      return `custom:${view.customId}`;
    default:
      return view.kind;
  }
}

/** INB-1: agents restricted to `team` or `self` see only Mine; an API token has no Mine. */
export function standardViewsOf(caller: CallerScope): StandardView[] {
  if (caller.kind === 'api') return ['all', 'unassigned'];
  if (caller.role === 'agent' && caller.restriction !== 'none') return ['mine'];
  return [...STANDARD_VIEWS];
}

/** INB-2: owners and managers see every team's view; agents `none` / `team` their own teams'; `self` none. */
export function teamViewsOf(caller: CallerScope, workspaceTeamIds: string[]): string[] {
  if (caller.kind === 'api' || caller.role !== 'agent') return [...workspaceTeamIds];
  if (caller.restriction === 'self') return [];
  return workspaceTeamIds.filter((id) => caller.teamIds.includes(id));
}

/** INB-4: the blocked view is for users allowed to see blocked contacts (and API tokens). */
export const maySeeBlocked = (caller: CallerScope): boolean => caller.kind === 'api' || caller.canViewBlocked;

/**
 * Whether the caller may open a standard, team or blocked view (INB-1, INB-2, INB-4). Custom views
 * are decided by their sharing (the conversations service's `mayOpenCustomView`).
 */
export function mayOpenView(caller: CallerScope, view: InboxView, workspaceTeamIds: string[]): boolean {
  switch (view.kind) {
    case 'all':
    case 'mine':
    case 'unassigned':
      return standardViewsOf(caller).includes(view.kind);
    case 'team':
    case 'team_unassigned':
      return teamViewsOf(caller, workspaceTeamIds).includes(view.teamId);
    case 'blocked':
      return maySeeBlocked(caller);
    case 'custom':
      return false;
  }
}

/** Where a thread sits for the views: what events carry about it. */
export interface ThreadPlacement extends ThreadAccess {
  status: ThreadStatus;
  blocked: boolean;
  deleted: boolean;
  /** False until the thread has a message: a contact nobody has talked with is in no list. */
  listed: boolean;
}

/** The placement of a thread as events carry it (ThreadSnapshot). */
export function placementOf(thread: {
  status: ThreadStatus;
  assigneeId: string | null;
  teamId: string | null;
  collaboratorIds: string[];
  mentionedUntil: Record<string, string>;
  contact: { blocked: boolean };
  deleted: boolean;
  lastMessage: unknown;
}): ThreadPlacement {
  return {
    status: thread.status,
    assigneeId: thread.assigneeId,
    teamId: thread.teamId,
    collaboratorIds: thread.collaboratorIds ?? [],
    mentionedUntil: thread.mentionedUntil ?? {},
    blocked: thread.contact.blocked,
    deleted: thread.deleted,
    listed: thread.lastMessage !== null && thread.lastMessage !== undefined,
  };
}

/** Members of a team, as the directory knows them (empty for an unknown team). */
export type TeamMembers = (teamId: string) => string[];

/**
 * INB-1, INB-2, INB-4: does the view hold the thread (before visibility)? A blocked contact's thread is
 * in the blocked view only; a thread assigned directly to a user outside team T is not in T's view.
 */
export function viewHoldsThread(view: InboxView, thread: ThreadPlacement, userId: string, members: TeamMembers): boolean {
  if (thread.deleted || !thread.listed) return false;
  if (view.kind === 'blocked') return thread.blocked;
  if (thread.blocked) return false;
  switch (view.kind) {
    case 'all':
    case 'custom':
      return true;
    case 'mine':
      return thread.assigneeId === userId;
    case 'unassigned':
      return !thread.assigneeId;
    case 'team':
      return thread.teamId === view.teamId || (!!thread.assigneeId && members(view.teamId).includes(thread.assigneeId));
    case 'team_unassigned':
      return thread.teamId === view.teamId && !thread.assigneeId;
  }
}
