import { setContactBlocked, withContact } from './blocking';
import { newThread, ThreadState } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const thread = (extra: Partial<ThreadState> = {}): ThreadState => ({
  ...newThread({ workspaceId: 'w', contact: { id: 'c', firstName: 'Rita', lastName: null, blocked: false, phone: '+628120000', email: null }, now: T0 }),
  ...extra,
});

describe('blocking (CNV-8)', () => {
  it('CNV-8: blocking closes the thread; unblocking keeps it closed', () => {
    const blocked = setContactBlocked(thread({ status: 'open' }), true, 'ana', at(1));
    expect(blocked.state).toMatchObject({ status: 'closed', contact: { blocked: true } });
    expect(blocked.events.map((e) => e.type)).toEqual(['contact_blocked', 'closed']);
    expect(setContactBlocked(blocked.state, false, 'ana', at(2)).state).toMatchObject({ status: 'closed', contact: { blocked: false } });
  });

  it('CNV-8: fresh contact details that say blocked close the thread as a block does; others only update the names', () => {
    const open = thread({ status: 'open' });
    const renamed = withContact(open, { ...open.contact, firstName: 'Rita Maria' }, at(1));
    expect(renamed).toMatchObject({ state: { status: 'open', contact: { firstName: 'Rita Maria' } }, events: [] });
    const blocked = withContact(open, { ...open.contact, blocked: true }, at(1));
    expect(blocked.state).toMatchObject({ status: 'closed', contact: { blocked: true } });
    expect(withContact(open, { ...open.contact }, at(1)).state).toBe(open);
  });
});
