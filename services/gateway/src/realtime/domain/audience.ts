import { CallerScope, canSeeThread, seesWholeWorkspace, ThreadAccess } from '@omnibox/contracts';

/**
 * VIS-4 for realtime pushes: a frame about a thread goes only to users who may see the thread (VIS-1…3,
 * unexpired mentions included), and a blocked contact's thread only to those allowed to see blocked
 * contacts (INB-4).
 */
export function mayReceiveThread(caller: CallerScope, thread: ThreadAccess & { contact: { blocked: boolean } }, now: Date = new Date()): boolean {
  if (thread.contact.blocked && !(caller.kind === 'api' || caller.canViewBlocked)) return false;
  const access = { assigneeId: thread.assigneeId, teamId: thread.teamId, collaboratorIds: thread.collaboratorIds ?? [], mentionedUntil: thread.mentionedUntil ?? {} };
  return seesWholeWorkspace(caller) || canSeeThread(caller, access, now);
}
