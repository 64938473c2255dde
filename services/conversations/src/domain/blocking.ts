import { moveTo } from './thread-status';
import type { EventDraft, ThreadState, Transition } from './thread';

/**
 * CNV-8: blocking closes the thread (it leaves every view but Blocked); unblocking keeps it closed and
 * returns it to its normal views.
 */
export function setContactBlocked(state: ThreadState, blocked: boolean, actorId: string | null, now: string): Transition {
  if (state.contact.blocked === blocked) return { state, events: [] };
  let next: ThreadState = { ...state, contact: { ...state.contact, blocked }, updatedAt: now };
  const events: EventDraft[] = [{ category: 'contact', type: blocked ? 'contact_blocked' : 'contact_unblocked', source: actorId ? 'user' : 'system', actorId }];
  if (blocked && next.status !== 'closed') {
    next = { ...moveTo(next, 'closed', now), updatedAt: now };
    events.push({ category: 'close', type: 'closed', source: 'system', actorId, data: { reason: 'contact_blocked' } });
  }
  return { state: next, events };
}

/**
 * Fresh contact details on the thread. A change of the blocked flag goes through `setContactBlocked`,
 * so it closes the thread and is recorded whichever way it is noticed first.
 */
export function withContact(state: ThreadState, contact: ThreadState['contact'], now: string): Transition {
  const details = { ...contact, blocked: state.contact.blocked };
  const updated: ThreadState = JSON.stringify(details) === JSON.stringify(state.contact) ? state : { ...state, contact: details, updatedAt: now };
  return contact.blocked === state.contact.blocked ? { state: updated, events: [] } : setContactBlocked(updated, contact.blocked, null, now);
}
