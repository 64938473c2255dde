import { canSeeThread, CallerScope, seesWholeWorkspace, ThreadAccess } from '@omnibox/contracts';
import type { WorkspaceDirectory } from '@omnibox/directory';

/** What decides who may hear about a thread: its access (VIS-1…3) and whether its contact is blocked. */
export interface ThreadFacts {
  access: ThreadAccess;
  blocked: boolean;
}

/**
 * VIS-4 for one notification's user: they may see the thread (VIS-1…3, unexpired mentions included),
 * and a blocked contact's thread only if they may see blocked contacts (INB-4).
 */
export function maySee(scope: CallerScope, thread: ThreadFacts, at: Date): boolean {
  if (thread.blocked && !scope.canViewBlocked) return false;
  return seesWholeWorkspace(scope) || canSeeThread(scope, thread.access, at);
}

/**
 * NTF-3: of the users an event concerns, those who are notified: never the one who acted, nobody about
 * a blocked contact (CNV-8), and only users who may see the thread at that moment (VIS-4). A user the
 * directory does not know yet has no known scope, so is not notified. Each user once, in order.
 */
export function recipients(candidates: string[], input: { directory: WorkspaceDirectory; thread: ThreadFacts; actorId: string | null; at: Date }): string[] {
  if (input.thread.blocked) return [];
  const chosen: string[] = [];
  for (const userId of candidates) {
    if (userId === input.actorId || chosen.includes(userId)) continue;
    const scope = input.directory.user(userId);
    if (scope && maySee(scope, input.thread, input.at)) chosen.push(userId);
  }
  return chosen;
}

/** The members of a team, for what goes to a team (team_assigned, team_message, a missed call of an unassigned contact). */
export function membersOf(directory: WorkspaceDirectory, teamId: string | null): string[] {
  return directory.team(teamId)?.memberIds ?? [];
}

/** Whom an event concerns, before NTF-3 narrows it: named users, or the members of a team. */
export type Notice<K extends string = string> = { kind: K; userIds: string[] } | { kind: K; teamId: string };

export function candidatesOf(notice: Notice, directory: WorkspaceDirectory): string[] {
  return 'teamId' in notice ? membersOf(directory, notice.teamId) : notice.userIds;
}

/** What decides who may hear about a thread, as a thread snapshot carries it. */
export function threadFactsOf(thread: ThreadAccess & { contact: { blocked: boolean } }): ThreadFacts {
  return {
    access: { assigneeId: thread.assigneeId, teamId: thread.teamId, collaboratorIds: thread.collaboratorIds ?? [], mentionedUntil: thread.mentionedUntil ?? {} },
    blocked: thread.contact.blocked,
  };
}
