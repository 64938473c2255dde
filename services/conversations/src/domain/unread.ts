import type { ThreadState } from './thread';

/** INB-7: a user's unread count is the incoming messages since they last read the thread. */
export function unreadCount(state: Pick<ThreadState, 'incomingCount' | 'reads'>, userId: string): number {
  return Math.max(0, state.incomingCount - (state.reads[userId] ?? 0));
}

/** INB-7: reading the thread clears the caller's unread count. */
export function markRead(state: ThreadState, userId: string, now: string): ThreadState {
  if (state.reads[userId] === state.incomingCount) return state;
  return { ...state, reads: { ...state.reads, [userId]: state.incomingCount }, updatedAt: now };
}
