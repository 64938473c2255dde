import type { CallerScope } from '../identity/caller';
import { canSeeThread, seesWholeWorkspace, ThreadAccess } from '../identity/visibility';

/**
 * Inbox views (INB-1…6) as pure rules shared by the gateway (which views a caller may open, sidebar
 * counts, new-message dots, realtime audiences) and the conversations service (list queries).
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

/**
 * Whether the caller may open a standard, team or blocked view (INB-1, INB-2, INB-4). Custom views
 * are decided by their sharing (`mayOpenCustomView`).
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
      return caller.kind === 'api' || caller.canViewBlocked;
    case 'custom':
      return false;
  }
}

export interface CustomViewSharing {
  everyone?: boolean;
  userIds?: string[];
  teamIds?: string[];
}

/** INB-3: the creator, everyone it is shared with (by user, by team, or with everyone). */
export function mayOpenCustomView(caller: CallerScope, view: { createdBy: string; sharing: CustomViewSharing }): boolean {
  if (view.createdBy === caller.principalId) return true;
  const sharing = view.sharing ?? {};
  if (sharing.everyone) return true;
  if ((sharing.userIds ?? []).includes(caller.principalId)) return true;
  return (sharing.teamIds ?? []).some((teamId) => caller.teamIds.includes(teamId));
}

/** Where a thread sits for the views: what events carry about it. */
export interface ThreadPlacement extends ThreadAccess {
  status: 'open' | 'closed' | 'snoozed';
  blocked: boolean;
  deleted: boolean;
  /** False until the thread has a message: a contact nobody has talked with is in no list. */
  listed: boolean;
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

/** A user with the teams of the workspace in sidebar order, for dots and audiences. */
export interface WorkspaceTeam {
  id: string;
  name: string;
  memberIds: string[];
}

/**
 * INB-6: the one view on which an incoming message lights a dot for this user: the first of Mine >
 * Team > Unassigned > All that holds the thread among the views the user may open; null when the user
 * cannot see the thread or opens no view holding it. Among several team views, the thread's own team
 * comes first, then the sidebar order.
 */
export function dotViewFor(user: CallerScope, thread: ThreadPlacement, teams: WorkspaceTeam[], now: Date = new Date()): string | null {
  if (thread.blocked || thread.deleted || !thread.listed) return null;
  if (!canSeeThread(user, thread, now)) return null;
  const members: TeamMembers = (teamId) => teams.find((team) => team.id === teamId)?.memberIds ?? [];
  const standard = standardViewsOf(user);
  if (standard.includes('mine') && viewHoldsThread({ kind: 'mine' }, thread, user.principalId, members)) return 'mine';
  const teamIds = teamViewsOf(
    user,
    teams.map((team) => team.id),
  ).sort((a, b) => (a === thread.teamId ? -1 : b === thread.teamId ? 1 : 0));
  for (const teamId of teamIds) if (viewHoldsThread({ kind: 'team', teamId }, thread, user.principalId, members)) return `team:${teamId}`;
  if (standard.includes('unassigned') && viewHoldsThread({ kind: 'unassigned' }, thread, user.principalId, members)) return 'unassigned';
  if (standard.includes('all')) return 'all';
  return null;
}

/**
 * INB-5 counts come from per-workspace buckets of open threads keyed by (team, assignee), so a view's
 * count is a small sum whatever the number of threads. A thread not counted has the empty bucket;
 * blocked threads are counted apart (they exist only in the blocked view).
 */
export const BLOCKED_BUCKET = 'x';

export function countBucketOf(thread: ThreadPlacement): string {
  if (thread.deleted) return '';
  if (thread.blocked) return BLOCKED_BUCKET;
  if (!thread.listed || thread.status !== 'open') return '';
  return `o:${thread.teamId ?? ''}|${thread.assigneeId ?? ''}`;
}

export function parseCountBucket(bucket: string): { teamId: string | null; assigneeId: string | null } | null {
  if (!bucket.startsWith('o:')) return null;
  const [teamId, assigneeId] = bucket.slice(2).split('|');
  return { teamId: teamId || null, assigneeId: assigneeId || null };
}

/** The placement of an open, listed thread in a bucket, to ask `viewHoldsThread` about it. */
export function placementOfBucket(bucket: string): ThreadPlacement | null {
  const parsed = parseCountBucket(bucket);
  if (!parsed) return null;
  return { ...parsed, collaboratorIds: [], mentionedUntil: {}, status: 'open', blocked: false, deleted: false, listed: true };
}

/**
 * INB-5: open threads in a standard or team view. Every thread of a view the caller may open is
 * visible to them (a `team` agent opens only Mine and their own teams' views), so the count needs no
 * per-thread visibility.
 */
export function openCount(view: InboxView, buckets: Record<string, number>, userId: string, members: TeamMembers): number {
  let total = 0;
  for (const [bucket, count] of Object.entries(buckets)) {
    const placement = placementOfBucket(bucket);
    if (placement && count > 0 && viewHoldsThread(view, placement, userId, members)) total += count;
  }
  return total;
}

/** Everyone who sees the whole workspace sees a thread's pushes; others by VIS-2/3; blocked only with the right. */
export function mayReceiveThread(caller: CallerScope, thread: ThreadAccess & { blocked: boolean }, now: Date = new Date()): boolean {
  if (thread.blocked && !(caller.kind === 'api' || caller.canViewBlocked)) return false;
  return seesWholeWorkspace(caller) || canSeeThread(caller, thread, now);
}

/** The placement of a thread as events carry it (ThreadSnapshot). */
export function placementOf(thread: {
  status: ThreadPlacement['status'];
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

/** API.md `conversation` for one user, from what events carry (lists and realtime pushes). */
export function conversationOf(
  thread: {
    contactId: string;
    contact: { id: string; firstName: string; lastName: string | null; blocked: boolean };
    status: string;
    previousStatus: string | null;
    snoozedUntil: string | null;
    assigneeId: string | null;
    teamId: string | null;
    collaboratorIds: string[];
    incomingCount: number;
    reads?: Record<string, number>;
    lastMessage: unknown;
    lastMessageAt: string | null;
    lastIncomingAt: string | null;
    statusSince: string;
    episode?: number;
  },
  userId: string,
) {
  return {
    contactId: thread.contactId,
    contact: { id: thread.contact.id, firstName: thread.contact.firstName, lastName: thread.contact.lastName, blocked: thread.contact.blocked },
    status: thread.status,
    previousStatus: thread.previousStatus,
    snoozedUntil: thread.snoozedUntil,
    assigneeId: thread.assigneeId,
    teamId: thread.teamId,
    collaboratorIds: thread.collaboratorIds,
    unreadCount: Math.max(0, thread.incomingCount - (thread.reads?.[userId] ?? 0)),
    lastMessage: thread.lastMessage,
    lastMessageAt: thread.lastMessageAt,
    lastIncomingAt: thread.lastIncomingAt,
    statusSince: thread.statusSince,
    episode: thread.episode ?? 0,
  };
}
