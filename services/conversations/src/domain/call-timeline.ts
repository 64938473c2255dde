import type { CallSnapshot } from '@omnibox/contracts';
import type { EventDraft } from './thread';

/**
 * CAL-5 / CNV-9: calls appear on the conversation timeline as `call` events, one for each change of a
 * call's status (it rang, was answered, ended, was missed, rejected or failed), at the time it happened.
 * Other changes of a call (a recording, a transcript) are not timeline events.
 */
export function callTimelineEvent(call: CallSnapshot, changed: string[]): EventDraft | null {
  if (!changed.includes('status')) return null;
  const answered = call.status === 'ongoing';
  const at = answered ? call.answeredAt : call.status === 'ringing' ? call.startedAt : call.endedAt;
  return {
    category: 'call',
    type: answered ? 'answered' : call.status,
    source: 'system',
    actorId: answered ? call.answeredBy : null,
    data: {
      callId: call.id,
      direction: call.direction,
      status: call.status,
      channelId: call.channelId,
      endReason: call.endReason,
      durationSeconds: call.durationSeconds,
      answeredBy: call.answeredBy,
    },
    at: at ?? undefined,
  };
}
