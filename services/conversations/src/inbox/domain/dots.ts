import { CallerScope, canSeeThread } from '@omnibox/contracts';
import type { WorkspaceTeam } from '@omnibox/directory';
import { standardViewsOf, teamViewsOf, TeamMembers, ThreadPlacement, viewHoldsThread } from './inbox-views';

/**
 * INB-6: the one view on which an incoming message lights a dot for this user: the first of Mine >
 * Team > Unassigned > All that holds the thread among the views the user may open; null when the user
 * cannot see the thread or opens no view holding it. Among several team views, the thread's own team
 * comes first, then the sidebar order. Dots are for standard and team views only.
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

/** A dot to light: which user, on which view. */
export interface Dot {
  userId: string;
  view: string;
}

/** INB-6: the dots an incoming message on this thread lights, one per user who can see it at most. */
export function dotsFor(users: CallerScope[], thread: ThreadPlacement, teams: WorkspaceTeam[], now: Date): Dot[] {
  return users.flatMap((user) => {
    const view = dotViewFor(user, thread, teams, now);
    return view ? [{ userId: user.principalId, view }] : [];
  });
}

/**
 * INB-6: whether a thread update (`conversations.thread.updated`, its `changed` fields) is the arrival
 * of an incoming message, the one change that lights dots: the thread counted one more incoming message
 * and remembered its id. A merge adds counts without remembering an id, a channel event (CNV-9)
 * remembers an id without counting a message, and a thread created empty has counted nothing.
 */
export function isIncomingMessageUpdate(changed: readonly string[], thread: { incomingCount: number }): boolean {
  return thread.incomingCount > 0 && changed.includes('incomingCount') && changed.includes('recentIncomingIds');
}
