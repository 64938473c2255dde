import { NO_ACCESS_GRANTS } from '@omnibox/contracts';
import { CallState, newCall } from './call';
import { applyProviderEvent, isPermissionEvent, ProviderCallEvent } from './call-events';

const T0 = '2026-03-01T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

const ringing = (direction: 'incoming' | 'outgoing' = 'incoming'): CallState =>
  newCall({
    id: 'c1',
    workspaceId: 'w',
    channel: { id: 'ch', type: 'whatsapp' },
    providerCallId: 'p1',
    contact: { id: 'k', firstName: 'Kim', lastName: null, phone: '+15550001111' },
    externalId: 'x',
    direction,
    at: T0,
    maxDurationSeconds: 3600,
    access: NO_ACCESS_GRANTS,
    blocked: false,
  });

let n = 0;
const event = (kind: ProviderCallEvent['kind'], seconds: number, extra: Partial<ProviderCallEvent> = {}): ProviderCallEvent => ({ id: `e${++n}`, kind, at: at(seconds), ...extra });

/** Applies events in order, skipping those that change nothing. */
const play = (state: CallState, ...events: ProviderCallEvent[]) => events.reduce((call, e) => applyProviderEvent(call, e) ?? call, state);

describe('a call driven by the provider’s events (CAL-2, API.md call states)', () => {
  it('ringing, answered, ended: an ongoing call from its answer, then ended with the talk time', () => {
    const ongoing = play(ringing(), event('answered', 5));
    expect(ongoing).toMatchObject({ status: 'ongoing', answeredAt: at(5) });
    expect(play(ongoing, event('ended', 65))).toMatchObject({ status: 'ended', endReason: 'completed', endedAt: at(65), durationSeconds: 60 });
  });

  it('an incoming call never answered ends missed; an outgoing one ends unanswered', () => {
    expect(play(ringing(), event('ended', 30))).toMatchObject({ status: 'missed', endReason: 'missed', durationSeconds: 0 });
    expect(play(ringing('outgoing'), event('ended', 30))).toMatchObject({ status: 'ended', endReason: 'unanswered', durationSeconds: 0 });
    expect(play(ringing(), event('missed', 30))).toMatchObject({ status: 'missed', endReason: 'missed' });
  });

  it('a call the contact declines is rejected; a failure fails it', () => {
    expect(play(ringing('outgoing'), event('rejected', 3))).toMatchObject({ status: 'rejected', endReason: 'rejected' });
    expect(play(ringing(), event('answered', 2), event('failed', 12))).toMatchObject({ status: 'failed', endReason: 'failed', durationSeconds: 10 });
  });

  it('an event repeated changes nothing', () => {
    const answered = event('answered', 5);
    const once = play(ringing(), answered);
    expect(applyProviderEvent(once, answered)).toBeNull();
    const ended = event('ended', 65);
    const over = play(once, ended);
    expect(applyProviderEvent(over, ended)).toBeNull();
  });

  it('out of order: an ended before its answered still ends the call with the right duration', () => {
    const endedFirst = play(ringing(), event('ended', 65));
    expect(endedFirst.status).toBe('missed');
    expect(play(endedFirst, event('answered', 5))).toMatchObject({ status: 'ended', endReason: 'completed', answeredAt: at(5), durationSeconds: 60 });
  });

  it('out of order: an ended that reports its talk time proves the answer, whichever comes later', () => {
    const ended = play(ringing(), event('ended', 65, { durationSeconds: 50 }));
    expect(ended).toMatchObject({ status: 'ended', endReason: 'completed', answeredAt: at(15), durationSeconds: 50 });
    expect(applyProviderEvent(ended, event('answered', 15))).toBeNull();
  });

  it('out of order: a late ringing only moves the start earlier; a late answer never reopens a finished call', () => {
    const ongoing = play(ringing(), event('answered', 5));
    expect(play(ongoing, event('ringing', -3)).startedAt).toBe(at(-3));
    expect(applyProviderEvent(ongoing, event('ringing', 2))).toBeNull();
    const rejected = play(ringing(), event('rejected', 3));
    expect(applyProviderEvent(rejected, event('answered', 2))).toBeNull();
    expect(applyProviderEvent(play(ringing(), event('answered', 5), event('ended', 20)), event('missed', 21))).toBeNull();
  });

  it('the provider’s later count of the talk time is kept', () => {
    const ended = play(ringing(), event('answered', 5), event('ended', 65));
    expect(play(ended, event('ended', 66, { durationSeconds: 58 })).durationSeconds).toBe(58);
  });

  it('permission events are not calls', () => {
    expect(isPermissionEvent('permission_accepted')).toBe(true);
    expect(isPermissionEvent('ringing')).toBe(false);
    expect(applyProviderEvent(ringing(), event('permission_accepted', 1))).toBeNull();
  });
});
