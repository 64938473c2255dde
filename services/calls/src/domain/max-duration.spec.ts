import { NO_ACCESS_GRANTS } from '@omnibox/contracts';
import { newCall } from './call';
import { deadlineOf, endAtMaximum } from './max-duration';

const T0 = '2026-03-01T10:00:00.000Z';
const call = newCall({ id: 'c1', workspaceId: 'w', channel: { id: 'ch', type: 'api' }, providerCallId: 'p1', contact: { id: 'k', firstName: 'Kim', lastName: null, phone: null }, externalId: 'x', direction: 'incoming', at: T0, maxDurationSeconds: 60, access: NO_ACCESS_GRANTS, blocked: false });
const after = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000);

describe('the maximum call duration (CAL-2)', () => {
  it('CAL-2: a call still ringing at the maximum ends by itself at that time, as max_duration', () => {
    expect(deadlineOf(call)).toBe(after(60).toISOString());
    expect(endAtMaximum(call, after(59))).toBeNull();
    expect(endAtMaximum(call, after(75))).toMatchObject({ status: 'ended', endReason: 'max_duration', endedAt: after(60).toISOString(), durationSeconds: 0 });
  });

  it('CAL-2: an ongoing call counts its talk time up to the maximum', () => {
    const ongoing = { ...call, status: 'ongoing' as const, answeredAt: after(20).toISOString() };
    expect(endAtMaximum(ongoing, after(61))).toMatchObject({ status: 'ended', endReason: 'max_duration', durationSeconds: 40 });
  });

  it('CAL-2: a call that is over is not ended again', () => {
    const ended = endAtMaximum(call, after(75))!;
    expect(endAtMaximum(ended, after(120))).toBeNull();
  });
});
