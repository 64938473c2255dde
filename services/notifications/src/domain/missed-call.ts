import type { CallSnapshot, ThreadAccess } from '@omnibox/contracts';
import type { Notice } from './recipients';

/**
 * CAL-5 / NTF-1: a call that became `missed` is for whoever was expected to take it: the contact's
 * assignee, or for an unassigned contact the members of the thread's team.
 */
export function missedCallNotice(call: Pick<CallSnapshot, 'status'>, changed: string[], access: Pick<ThreadAccess, 'assigneeId' | 'teamId'>): Notice<'missed_call'> | null {
  if (call.status !== 'missed' || !changed.includes('status')) return null;
  if (access.assigneeId) return { kind: 'missed_call', userIds: [access.assigneeId] };
  if (access.teamId) return { kind: 'missed_call', teamId: access.teamId };
  return null;
}
