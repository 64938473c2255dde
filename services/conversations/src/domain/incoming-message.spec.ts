import { receiveIncoming, sentAt } from './incoming-message';
import { newThread, ThreadState } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const thread = (extra: Partial<ThreadState> = {}): ThreadState => ({
  ...newThread({ workspaceId: 'w', contact: { id: 'c', firstName: 'Rita', lastName: null, blocked: false, phone: '+628120000', email: null }, now: T0 }),
  ...extra,
});

describe('incoming messages (CNV-1, CNV-7, INB-7)', () => {
  it('CNV-1: an incoming message opens a closed thread with an "opened by contact" event placed before it', () => {
    const { state, events } = receiveIncoming(thread(), { id: 'm1', channelId: 'wa', at: at(1), preview: 'hi', referral: { code: 'AD' } }, at(1));
    expect(state).toMatchObject({ status: 'open', unreplied: true, incomingCount: 1, lastIncomingChannelId: 'wa', episode: 1 });
    expect(events).toEqual([expect.objectContaining({ category: 'open', source: 'contact', referral: { code: 'AD' } })]);
    expect(Date.parse(events[0].at!)).toBeLessThan(Date.parse(at(1)));
  });

  it('an incoming message applied twice counts once', () => {
    const once = receiveIncoming(thread(), { id: 'm1', channelId: 'wa', at: at(1), preview: 'hi' }, at(1)).state;
    expect(receiveIncoming(once, { id: 'm1', channelId: 'wa', at: at(1), preview: 'hi' }, at(2)).state.incomingCount).toBe(1);
  });

  it('a message redelivered after newer ones counts once more but does not move the thread back', () => {
    const newer = receiveIncoming(thread(), { id: 'm2', channelId: 'wa', at: at(5), preview: 'later' }, at(5)).state;
    const older = receiveIncoming(newer, { id: 'm1', channelId: 'wa', at: at(1), preview: 'earlier' }, at(6)).state;
    expect(older).toMatchObject({ incomingCount: 2, lastMessageAt: at(5), lastMessage: { id: 'm2' }, lastIncomingAt: at(5), lastIncomingByChannel: { wa: at(5) } });
  });

  it('CNV-7: an incoming message wakes a snoozed thread', () => {
    const snoozed = thread({ status: 'snoozed', previousStatus: 'closed', snoozedUntil: at(60), snoozedAt: at(0) });
    const { state, events } = receiveIncoming(snoozed, { id: 'm1', channelId: 'wa', at: at(2), preview: 'back' }, at(2));
    expect(state).toMatchObject({ status: 'open', snoozedUntil: null });
    expect(events.map((event) => event.type)).toEqual(['unsnoozed', 'opened']);
    expect(events[0]).toMatchObject({ source: 'contact', data: { reason: 'incoming_message' } });
  });

  it('CHN-2: a message is placed at the provider\'s time, never later than when it was received', () => {
    const received = '2026-03-02T10:00:00.000Z';
    expect(sentAt('2026-03-01T09:00:00.000Z', received)).toBe('2026-03-01T09:00:00.000Z');
    expect(sentAt('2026-03-02T10:05:00.000Z', received)).toBe(received);
    expect(sentAt(undefined, received)).toBe(received);
    expect(sentAt('not a time', received)).toBe(received);
  });
});
