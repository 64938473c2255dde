import { newThread, ThreadState } from './thread';
import { markRead, unreadCount } from './unread';

const T0 = '2026-01-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const thread = (extra: Partial<ThreadState> = {}): ThreadState => ({
  ...newThread({ workspaceId: 'w', contact: { id: 'c', firstName: 'Rita', lastName: null, blocked: false, phone: '+628120000', email: null }, now: T0 }),
  ...extra,
});

describe('unread counts (INB-7)', () => {
  it('INB-7: unread counts per user', () => {
    let state = thread({ incomingCount: 3 });
    expect(unreadCount(state, 'ana')).toBe(3);
    state = markRead(state, 'ana', at(1));
    expect(unreadCount(state, 'ana')).toBe(0);
    expect(unreadCount(state, 'ben')).toBe(3);
  });

  it('INB-7: reading a thread already read changes nothing', () => {
    const read = markRead(thread({ incomingCount: 2 }), 'ana', at(1));
    expect(markRead(read, 'ana', at(2))).toBe(read);
  });
});
