import type { CallProviderEventKind, InboundCallEvent } from '@omnibox/contracts';
import { Json, listAt, textAt, unixTimeAt } from '../webhook-json';
import { errorText, whatsAppContact } from './messages.parser';

type Direction = InboundCallEvent['call']['direction'];

function callEvent(callId: string, eventId: string, waId: string, profiles: Json[], at: string, direction: Direction, event: CallProviderEventKind, extra: Partial<InboundCallEvent['call']> = {}): InboundCallEvent {
  const { email: _none, ...contact } = whatsAppContact(waId, profiles);
  return { type: 'call', id: eventId, timestamp: at, contact, call: { id: callId, direction, event, ...extra } };
}

/**
 * One entry of a `calls` change's `calls` (WhatsApp Cloud API Calling): `connect` is a call ringing (a
 * user's call offering its SDP, or the answer to ours), `terminate` its end, with the talk time when it
 * was answered (`COMPLETED`) or `failed` (`FAILED`, with the error). The calls service turns an
 * unanswered end into missed or unanswered (CAL-5). Keyed by the call id and the event.
 */
export function callWebhookEvent(raw: unknown, profiles: Json[], receivedAt: string): InboundCallEvent | null {
  const id = textAt(raw, 'id', 200);
  const event = textAt(raw, 'event', 40);
  const direction: Direction = textAt(raw, 'direction') === 'BUSINESS_INITIATED' ? 'outgoing' : 'incoming';
  const waId = direction === 'incoming' ? textAt(raw, 'from', 40) : textAt(raw, 'to', 40);
  if (!id || !waId || (event !== 'connect' && event !== 'terminate')) return null;
  const at = unixTimeAt(raw, 'timestamp') ?? receivedAt;
  if (event === 'connect') return callEvent(id, `${id}|connect`, waId, profiles, at, direction, 'ringing');
  if (textAt(raw, 'status') === 'FAILED') return callEvent(id, `${id}|terminate`, waId, profiles, at, direction, 'failed', { reason: errorText(listAt(raw, 'errors')) });
  const duration = Number(textAt(raw, 'duration', 10));
  return callEvent(id, `${id}|terminate`, waId, profiles, unixTimeAt(raw, 'end_time') ?? at, direction, 'ended', Number.isInteger(duration) && duration > 0 ? { durationSeconds: Math.min(duration, 7 * 86400) } : {});
}

const CALL_STATUSES: Record<string, CallProviderEventKind> = { RINGING: 'ringing', ACCEPTED: 'answered', REJECTED: 'rejected' };

/** One entry of a `calls` change's `statuses` (a call we placed): ringing, accepted (answered) or rejected. */
export function callStatusEvent(raw: unknown, receivedAt: string): InboundCallEvent | null {
  const id = textAt(raw, 'id', 200);
  const status = textAt(raw, 'status', 40)?.toUpperCase();
  const waId = textAt(raw, 'recipient_id', 40);
  const event = status ? CALL_STATUSES[status] : undefined;
  if (!id || !waId || !event || textAt(raw, 'type') !== 'call') return null;
  return callEvent(id, `${id}|status|${status}`, waId, [], unixTimeAt(raw, 'timestamp') ?? receivedAt, 'outgoing', event);
}
