import type { ThreadState } from './thread';

export const MENTION_ACCESS_MS = 24 * 60 * 60 * 1000;

/**
 * SRC-3: a mention grants 24 h of access to the thread (VIS-3), without making the user a
 * collaborator. The author mentioning themself gains nothing.
 */
export function mention(state: ThreadState, userIds: string[], authorId: string, now: string): ThreadState {
  const granted = userIds.filter((id) => id !== authorId);
  if (granted.length === 0) return state;
  const until = new Date(Date.parse(now) + MENTION_ACCESS_MS).toISOString();
  const mentionedUntil = { ...state.mentionedUntil };
  // Expired grants are dropped as new ones are written, so the map stays small.
  for (const [userId, at] of Object.entries(mentionedUntil)) if (Date.parse(at) <= Date.parse(now)) delete mentionedUntil[userId];
  for (const userId of granted) mentionedUntil[userId] = until;
  return { ...state, mentionedUntil, updatedAt: now };
}
