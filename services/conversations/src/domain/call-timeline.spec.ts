import type { CallSnapshot } from '@omnibox/contracts';
import { callTimelineEvent } from './call-timeline';

const call: CallSnapshot = {
  id: 'c1', contactId: 'k', channelId: 'ch', channelType: 'whatsapp', direction: 'incoming', status: 'ringing', assigneeId: null, answeredBy: null,
  startedAt: '2026-03-01T10:00:00.000Z', answeredAt: null, endedAt: null, durationSeconds: 0, endReason: null,
};

describe('calls on the conversation timeline (CAL-5, CNV-9)', () => {
  it('CAL-5: each change of a call’s status is a call event at the time it happened', () => {
    expect(callTimelineEvent(call, ['status', 'startedAt'])).toMatchObject({ category: 'call', type: 'ringing', source: 'system', at: call.startedAt, data: { callId: 'c1', direction: 'incoming' } });
    const answered = { ...call, status: 'ongoing' as const, answeredBy: 'ana', answeredAt: '2026-03-01T10:00:05.000Z' };
    expect(callTimelineEvent(answered, ['status', 'answeredAt', 'answeredBy'])).toMatchObject({ type: 'answered', actorId: 'ana', at: answered.answeredAt });
    const missed = { ...call, status: 'missed' as const, endReason: 'missed' as const, endedAt: '2026-03-01T10:00:30.000Z' };
    expect(callTimelineEvent(missed, ['status', 'endedAt', 'endReason'])).toMatchObject({ type: 'missed', at: missed.endedAt, data: { endReason: 'missed' } });
  });

  it('a change that is not the call’s status is not on the timeline', () => {
    expect(callTimelineEvent(call, ['recording'])).toBeNull();
  });
});
