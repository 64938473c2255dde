import { CallerScope, canSeeThread, NO_ACCESS_GRANTS, seesWholeWorkspace, ThreadAccess } from '@omnibox/contracts';
import type { Contact } from './contact-details';

/**
 * VIS-1…4 for a contact: who may see it follows its thread (libs/contracts `canSeeThread`). A contact
 * of another workspace, deleted or merged away is seen by nobody; callers answer 404 for all of
 * these alike, so missing and invisible are never told apart.
 */
export function canSeeContact(caller: CallerScope, contact: Pick<Contact, 'workspaceId' | 'deletedAt' | 'access'>, now: Date = new Date()): boolean {
  return contact.workspaceId === caller.workspaceId && !contact.deletedAt && canSeeThread(caller, contact.access, now);
}

/**
 * CON-1: who may see a new contact: the assignee and team it is created with. An agent who sees only
 * their own threads and names neither gets it assigned to themselves, so it does not vanish from
 * their sight.
 */
export function accessOnCreate(caller: CallerScope, assigneeId?: string, teamId?: string): ThreadAccess {
  const keepsSight = !seesWholeWorkspace(caller) && !assigneeId && !teamId;
  return { ...NO_ACCESS_GRANTS, assigneeId: assigneeId ?? (keepsSight ? caller.principalId : null), teamId: teamId ?? null };
}
