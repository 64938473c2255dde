import { snooze, wake, wakeIfDue } from './snooze';
import { Actor, newThread, ThreadState, Transition } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const thread = (extra: Partial<ThreadState> = {}): ThreadState => ({
  ...newThread({ workspaceId: 'w', contact: { id: 'c', firstName: 'Rita', lastName: null, blocked: false, phone: '+628120000', email: null }, now: T0 }),
  ...extra,
});
const ana: Actor = { id: 'ana', kind: 'user', teamIds: ['sales'] };

describe('snooze (CNV-7, FLT-4)', () => {
  it('CNV-7 / FLT-4: waking returns to the previous status and the time before the snooze still counts', () => {
    const open = thread({ status: 'open', statusSince: at(0) });
    const snoozed = snooze(open, at(100), ana, at(30)) as Transition;
    expect(snoozed.state).toMatchObject({ status: 'snoozed', previousStatus: 'open', snoozedUntil: at(100) });
    const woke = wake(snoozed.state, null, at(100))!;
    expect(woke.state).toMatchObject({ status: 'open', snoozedUntil: null, statusSince: at(70) });
    expect(woke.events[0]).toMatchObject({ type: 'unsnoozed', source: 'system' });
    expect(wake(woke.state, null, at(101))).toBeNull();
  });

  it('CNV-7: a blocked contact cannot be snoozed', () => {
    expect(snooze(thread({ contact: { ...thread().contact, blocked: true } }), at(10), ana, at(0))).toMatchObject({ refused: 'contact_blocked' });
  });

  it('CNV-7: unsnoozing early by hand is recorded as early, by the user', () => {
    const snoozed = (snooze(thread({ status: 'closed' }), at(100), ana, at(0)) as Transition).state;
    expect(wake(snoozed, ana, at(5))!.events[0]).toMatchObject({ source: 'user', actorId: 'ana', data: { reason: 'early', status: 'closed' } });
  });

  it('CNV-7: a scheduled wake-up applies only to a thread still snoozed until that time', () => {
    const snoozed = (snooze(thread({ status: 'open' }), at(100), ana, at(0)) as Transition).state;
    expect(wakeIfDue(snoozed, at(90), at(100))).toBeNull();
    expect(wakeIfDue(snoozed, at(100), at(100))!.state.status).toBe('open');
  });
});
