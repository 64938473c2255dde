import type { Referral } from '@omnibox/contracts';
import { endSnooze } from './snooze';
import { moveTo } from './thread-status';
import type { EventDraft, ThreadState, Transition } from './thread';

/**
 * Incoming messages a thread remembers having counted. A provider event is redelivered only when it
 * was not acknowledged (a crash, a failed attempt), and one contact rarely sends this many messages
 * meanwhile; the list is small because every thread write carries it.
 */
export const RECENT_INCOMING_IDS = 20;

/**
 * CHN-2: when the contact sent a message: the provider's timestamp, never later than when we received
 * it (a provider's clock ahead of ours must not put a message in the future); our receipt when the
 * provider gave no usable time. It orders the timeline and the lists and starts the messaging window.
 */
export function sentAt(providerTimestamp: string | undefined, receivedAt: string): string {
  const sent = providerTimestamp ? Date.parse(providerTimestamp) : NaN;
  const received = Date.parse(receivedAt);
  if (Number.isNaN(sent) || Number.isNaN(received) || sent >= received) return receivedAt;
  return new Date(sent).toISOString();
}

/** Remembers that this incoming work was applied, so a redelivery of it changes nothing twice. */
export function rememberIncoming(state: ThreadState, id: string): ThreadState {
  return { ...state, recentIncomingIds: [...state.recentIncomingIds, id].slice(-RECENT_INCOMING_IDS) };
}

/**
 * CNV-1 / CNV-7: an incoming message. Opens the thread (event: opened by contact, with the referral
 * when there is one), wakes a snoozed one, counts it unread for everyone (INB-7).
 */
export function receiveIncoming(
  state: ThreadState,
  message: { id: string; channelId: string; at: string; preview: string; referral?: Referral | null },
  now: string,
): Transition {
  if (state.recentIncomingIds.includes(message.id)) return { state, events: [] };
  const events: EventDraft[] = [];
  let next = state;
  if (next.status === 'snoozed') {
    events.push({ category: 'snooze', type: 'unsnoozed', source: 'contact', actorId: null, data: { snoozedUntil: next.snoozedUntil, reason: 'incoming_message' } });
    next = endSnooze(next, now);
  }
  if (next.status !== 'open') {
    next = moveTo(next, 'open', now);
    events.push({ category: 'open', type: 'opened', source: 'contact', actorId: null, referral: message.referral ?? null });
  }
  // The timeline shows what the message caused just before the message itself.
  const justBefore = new Date(Date.parse(message.at) - 1).toISOString();
  for (const event of events) event.at = justBefore;
  // A message redelivered after newer ones (a retry) counts, but does not move the thread back.
  const latest = !next.lastMessageAt || message.at >= next.lastMessageAt;
  const latestIncoming = !next.lastIncomingAt || message.at >= next.lastIncomingAt;
  const previousOnChannel = next.lastIncomingByChannel[message.channelId];
  next = rememberIncoming(
    {
      ...next,
      ...(latest ? { lastMessage: { id: message.id, direction: 'incoming' as const, at: message.at, preview: message.preview }, lastMessageAt: message.at, unreplied: true } : {}),
      ...(latestIncoming ? { lastIncomingAt: message.at, lastIncomingChannelId: message.channelId } : {}),
      lastIncomingByChannel: { ...next.lastIncomingByChannel, [message.channelId]: previousOnChannel && previousOnChannel > message.at ? previousOnChannel : message.at },
      incomingCount: next.incomingCount + 1,
      updatedAt: now,
    },
    message.id,
  );
  return { state: next, events };
}
