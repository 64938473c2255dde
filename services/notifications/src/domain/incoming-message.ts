import type { MessageSnapshot, ThreadSnapshot } from '@omnibox/contracts';
import type { Notice } from './recipients';

/**
 * An incoming message (NTF-1): on a thread someone owns, `new_message` to its assignee; on a thread in
 * a team's inbox that nobody owns, `team_message` to the team's members (CNV-4), coalesced per thread
 * (coalescing.ts). Nothing from a blocked contact (CNV-8).
 */
export function incomingMessageNotice(
  message: Pick<MessageSnapshot, 'direction' | 'suppressed'>,
  thread: Pick<ThreadSnapshot, 'assigneeId' | 'teamId' | 'contact' | 'deleted'>,
): Notice<'new_message' | 'team_message'> | null {
  if (message.direction !== 'incoming' || message.suppressed || thread.contact.blocked || thread.deleted) return null;
  if (thread.assigneeId) return { kind: 'new_message', userIds: [thread.assigneeId] };
  if (thread.teamId) return { kind: 'team_message', teamId: thread.teamId };
  return null;
}
