import { NO_ACCESS_GRANTS } from '@omnibox/contracts';
import { contactNameOf, contentOf, Notification, notificationId, snapshotOf } from './notification';

const base: Notification = {
  id: 'n1',
  workspaceId: 'w',
  userId: 'ana',
  kind: 'team_message',
  contactId: 'c1',
  callId: null,
  actorId: null,
  title: 'Carla · Sales',
  body: 'first',
  base: 4,
  lastCount: 5,
  read: false,
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:00.000Z',
  thread: { access: NO_ACCESS_GRANTS, blocked: false },
  threadAt: '2026-01-01T10:00:00.000Z',
  run: 'c1',
};

describe('a notification (NTF-1)', () => {
  it('NTF-3: its id is derived from the event and the user, so an event handled twice notifies once', () => {
    expect(notificationId('e1|ana')).toBe(notificationId('e1|ana'));
    expect(notificationId('e1|ana')).not.toBe(notificationId('e1|ben'));
    expect(notificationId('e1|ana')).toMatch(/^[0-9a-f]{24}$/);
  });

  it('NTF-1: a coalesced team_message shows its open run’s latest message and how many it counts', () => {
    expect(snapshotOf(base, { lastCount: 8, body: 'fourth', updatedAt: '2026-01-01T10:05:00.000Z' })).toMatchObject({ count: 4, body: 'fourth', updatedAt: '2026-01-01T10:05:00.000Z' });
    // Once detached (read, or its run closed) it keeps what it had.
    expect(snapshotOf({ ...base, run: null }, { lastCount: 8, body: 'fourth', updatedAt: 'x' })).toMatchObject({ count: 1, body: 'first' });
    expect(snapshotOf({ ...base, kind: 'assigned', base: 0, lastCount: 1, run: null })).toMatchObject({ count: 1 });
  });

  it('titles say what happened and bodies about whom, as the centre and the push show them', () => {
    const facts = { contactName: 'Carla Ruiz', actorName: 'Olivia', teamName: 'Sales', text: 'Hello, is anyone there?' };
    expect(contentOf('assigned', facts)).toEqual({ title: 'Assigned to you', body: 'Carla Ruiz by Olivia' });
    expect(contentOf('team_message', facts)).toEqual({ title: 'Carla Ruiz · Sales', body: 'Hello, is anyone there?' });
    expect(contentOf('mentioned', facts).title).toBe('Olivia mentioned you');
    expect(contentOf('snooze_woke', facts).title).toBe('⏰ Carla Ruiz');
    expect(contentOf('new_message', { ...facts, text: 'x'.repeat(500) }).body).toHaveLength(200);
    expect(contactNameOf({ firstName: '', lastName: null })).toBe('A contact');
  });
});
