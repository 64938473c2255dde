import { setStatus } from './thread-status';
import { newThread, ThreadState } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const thread = (extra: Partial<ThreadState> = {}): ThreadState => ({
  ...newThread({ workspaceId: 'w', contact: { id: 'c', firstName: 'Rita', lastName: null, blocked: false, phone: '+628120000', email: null }, now: T0 }),
  ...extra,
});

describe('thread status (CNV-3, CNV-6)', () => {
  it('CNV-3: closing keeps the assignee', () => {
    expect(setStatus(thread({ status: 'open', assigneeId: 'ana' }), 'closed', 'user', 'ana', at(1)).state).toMatchObject({ status: 'closed', assigneeId: 'ana' });
  });

  it('CNV-6: close and open with category and summary, each an event with its source; opening starts an episode', () => {
    const closed = setStatus(thread({ status: 'open', episode: 1 }), 'closed', 'workflow', null, at(1), { category: 'sale', summary: 'Bought' });
    expect(closed.events).toEqual([{ category: 'close', type: 'closed', source: 'workflow', actorId: null, data: { category: 'sale', summary: 'Bought' } }]);
    const opened = setStatus(closed.state, 'open', 'user', 'ana', at(2));
    expect(opened.state).toMatchObject({ status: 'open', statusSince: at(2), episode: 2 });
    expect(opened.events[0]).toMatchObject({ category: 'open', type: 'opened', source: 'user', actorId: 'ana', data: undefined });
    expect(setStatus(opened.state, 'open', 'user', 'ana', at(3)).events).toEqual([]);
  });
});
