import { NO_ACCESS_GRANTS } from '@omnibox/contracts';
import { newCall } from './call';
import { answer, assignedTo, decline, end, isRefusal, setRecording, takesContact } from './agent-actions';

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-01T10:00:10.000Z';
const T2 = '2026-03-01T10:01:10.000Z';
const ringing = (direction: 'incoming' | 'outgoing' = 'incoming', access = NO_ACCESS_GRANTS) =>
  newCall({ id: 'c1', workspaceId: 'w', channel: { id: 'ch', type: 'api' }, providerCallId: 'p1', contact: { id: 'k', firstName: 'Kim', lastName: null, phone: null }, externalId: 'x', direction, at: T0, maxDurationSeconds: 3600, access, blocked: false });
const ana = { id: 'ana', teamIds: ['sales'] };
const ben = { id: 'ben', teamIds: [] };

describe('agents acting on calls (CAL-2, CAL-3)', () => {
  it('CAL-3: the first agent to answer takes the call; another one is refused with a conflict (409)', () => {
    const taken = answer(ringing(), ana, T1);
    expect(taken).toMatchObject({ status: 'ongoing', answeredBy: 'ana', answeredAt: T1 });
    if (isRefusal(taken)) throw new Error('refused');
    expect(answer(taken, ben, T1)).toMatchObject({ refused: 'call_already_answered', conflict: true });
    expect(answer(taken, ana, T2)).toBe(taken);
  });

  it('CAL-3: a call that is not ringing, or an outgoing one, cannot be answered (422)', () => {
    const over = end(answer(ringing(), ana, T1) as ReturnType<typeof ringing>, T2);
    expect(answer(over as ReturnType<typeof ringing>, ben, T2)).toMatchObject({ refused: 'call_not_ringing' });
    expect(answer(ringing('outgoing'), ana, T1)).toMatchObject({ refused: 'call_not_ringing' });
  });

  it('a declined incoming call ends rejected', () => {
    expect(decline(ringing(), T1)).toMatchObject({ status: 'rejected', endReason: 'rejected', endedAt: T1 });
    expect(decline(ringing('outgoing'), T1)).toMatchObject({ refused: 'call_not_ringing' });
  });

  it('CAL-2: ending an ongoing call completes it with its talk time; an outgoing call still ringing goes unanswered', () => {
    const ongoing = answer(ringing(), ana, T1) as ReturnType<typeof ringing>;
    expect(end(ongoing, T2)).toMatchObject({ status: 'ended', endReason: 'completed', durationSeconds: 60 });
    expect(end(ringing('outgoing'), T1)).toMatchObject({ status: 'ended', endReason: 'unanswered', durationSeconds: 0 });
    expect(end(ringing(), T1)).toMatchObject({ refused: 'call_ringing' });
  });

  it('CAL-2: recording is refused while the workspace has it off, and only an ongoing call is recorded', () => {
    const ongoing = answer(ringing(), ana, T1) as ReturnType<typeof ringing>;
    expect(setRecording(ongoing, true, false)).toMatchObject({ refused: 'recording_disabled' });
    const on = setRecording(ongoing, true, true) as ReturnType<typeof ringing>;
    expect(on.recording.status).toBe('on');
    expect((setRecording(on, false, true) as ReturnType<typeof ringing>).recording.status).toBe('stopped');
    expect(setRecording(ringing(), true, true)).toMatchObject({ refused: 'call_not_ongoing' });
  });

  it('CAL-3: an unassigned contact goes to the agent; a team-waiting contact only to a member of that team', () => {
    expect(takesContact(ringing(), ben)).toBe(true);
    expect(takesContact(ringing('incoming', { ...NO_ACCESS_GRANTS, assigneeId: 'dee' }), ana)).toBe(false);
    const teamWaiting = ringing('incoming', { ...NO_ACCESS_GRANTS, teamId: 'sales' });
    expect(takesContact(teamWaiting, ana)).toBe(true);
    expect(takesContact(teamWaiting, ben)).toBe(false);
    expect(assignedTo(ringing(), ana).access.assigneeId).toBe('ana');
  });
});
