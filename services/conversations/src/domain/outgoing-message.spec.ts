import { receiveIncoming } from './incoming-message';
import { sendOutgoing } from './outgoing-message';
import { Actor, newThread, ThreadState } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const thread = (extra: Partial<ThreadState> = {}): ThreadState => ({
  ...newThread({ workspaceId: 'w', contact: { id: 'c', firstName: 'Rita', lastName: null, blocked: false, phone: '+628120000', email: null }, now: T0 }),
  ...extra,
});
const ana: Actor = { id: 'ana', kind: 'user', teamIds: ['sales'] };

describe('outgoing messages (CNV-2, FLT-2, FLT-3)', () => {
  it('CNV-2: the first replying user takes an unassigned thread; in a team thread only a team member does', () => {
    expect(sendOutgoing(thread(), { id: 'o', at: at(1), preview: 'x', broadcast: false }, ana, at(1)).state.assigneeId).toBe('ana');
    expect(sendOutgoing(thread({ teamId: 'support' }), { id: 'o', at: at(1), preview: 'x', broadcast: false }, ana, at(1)).state.assigneeId).toBeNull();
    expect(sendOutgoing(thread({ teamId: 'sales' }), { id: 'o', at: at(1), preview: 'x', broadcast: false }, ana, at(1)).state.assigneeId).toBe('ana');
    expect(sendOutgoing(thread(), { id: 'o', at: at(1), preview: 'x', broadcast: false }, { id: 'tok', kind: 'api', teamIds: [] }, at(1)).state.assigneeId).toBeNull();
  });

  it('FLT-2/FLT-3: a broadcast neither moves the thread nor counts as a reply', () => {
    const open = receiveIncoming(thread(), { id: 'm1', channelId: 'wa', at: at(1), preview: 'hi' }, at(1)).state;
    const after = sendOutgoing(open, { id: 'b', at: at(5), preview: 'sale', broadcast: true }, ana, at(5)).state;
    expect(after).toMatchObject({ lastMessageAt: at(1), unreplied: true, assigneeId: null });
  });
});
