import { takesOwnershipOnReply } from './assignment';
import type { Actor, EventDraft, ThreadState, Transition } from './thread';

/**
 * An outgoing message. A user replying to an unassigned thread becomes its assignee (CNV-2, see
 * assignment.ts). Broadcasts never move the thread in lists nor count as a reply (FLT-2, FLT-3): they
 * only leave a broadcast-sent event.
 */
export function sendOutgoing(
  state: ThreadState,
  message: { id: string; at: string; preview: string; broadcast: boolean },
  actor: Actor,
  now: string,
): Transition {
  if (message.broadcast) {
    return { state: { ...state, updatedAt: now }, events: [{ category: 'broadcast', type: 'broadcast_sent', source: 'system', actorId: actor.kind === 'system' ? null : actor.id, data: { messageId: message.id } }] };
  }
  const events: EventDraft[] = [];
  let next: ThreadState = {
    ...state,
    lastMessage: { id: message.id, direction: 'outgoing', at: message.at, preview: message.preview },
    lastMessageAt: message.at,
    unreplied: false,
    updatedAt: now,
  };
  if (takesOwnershipOnReply(state, actor)) {
    next = { ...next, assigneeId: actor.id };
    events.push({ category: 'assignment', type: 'assigned', source: 'user', actorId: actor.id, data: { assigneeId: actor.id, teamId: state.teamId, mode: 'first_reply' } });
  }
  return { state: next, events };
}
