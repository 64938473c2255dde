import type { EventSource, Referral } from '@omnibox/contracts';
import { rememberIncoming } from './incoming-message';
import { setStatus } from './thread-status';
import type { ThreadState, Transition } from './thread';

/** Something the contact did on a channel that is not a message (API.md ingress `type: "event"`). */
export interface ChannelEvent {
  /** Our id of this event, remembered like an incoming message's so a redelivery applies it once. */
  key: string;
  channelId: string;
  externalId: string;
  category: 'open' | 'page' | 'channel';
  type: string;
  data?: Record<string, unknown>;
  referral: Referral | null;
}

/**
 * CNV-9 channel events: an opening without a message (welcome, get-started, click-to-chat) opens the
 * conversation with that source; a web-chat page change, a channel notice or an opening of a thread
 * already open is recorded on the timeline. Nothing from a blocked contact reaches the thread (CNV-8).
 * Null when there is nothing to do (already applied, contact blocked, thread gone).
 */
export function receiveChannelEvent(state: ThreadState, event: ChannelEvent, now: string): Transition | null {
  if (state.deleted || state.contact.blocked || state.recentIncomingIds.includes(event.key)) return null;
  const seen = rememberIncoming({ ...state, identities: { ...state.identities, [event.channelId]: event.externalId } }, event.key);
  const data = { ...event.data, channelId: event.channelId };
  if (event.category === 'open') {
    const opened = setStatus(seen, 'open', event.type as EventSource, null, now);
    if (opened.events.length) return { state: opened.state, events: opened.events.map((draft) => ({ ...draft, data: { ...draft.data, ...data }, referral: event.referral })) };
  }
  return {
    state: { ...seen, updatedAt: now },
    events: [{ category: event.category === 'open' ? 'channel' : event.category, type: event.type, source: 'contact', actorId: null, data, referral: event.referral }],
  };
}
