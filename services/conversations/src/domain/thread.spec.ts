import { announcesCreation } from '@omnibox/contracts';
import { changedFields, isRefusal, newThread, preview, snapshotOf, sourceOf } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const contact = { id: 'c', firstName: 'Rita', lastName: null, blocked: false, phone: '+628120000', email: null };

describe('a thread (contact-centric inbox)', () => {
  it('CNV-1: a contact first seen has a closed, unassigned thread with no messages', () => {
    expect(newThread({ workspaceId: 'w', contact, now: T0 })).toMatchObject({
      contactId: 'c',
      status: 'closed',
      assigneeId: null,
      teamId: null,
      lastMessage: null,
      incomingCount: 0,
      episode: 0,
      statusSince: T0,
    });
  });

  it('the list preview is the text on one line, at most 140 characters, or a fallback', () => {
    expect(preview('  hello\n  there ', '[x]')).toBe('hello there');
    expect(preview(null, '[template]')).toBe('[template]');
    expect(preview('a'.repeat(200), '[x]')).toHaveLength(140);
  });

  it('events carry the thread without its private fields (phone, e-mail, identities)', () => {
    const snapshot = snapshotOf(newThread({ workspaceId: 'w', contact, identities: { wa: 'x' }, now: T0 }));
    expect(snapshot.contact).toEqual({ id: 'c', firstName: 'Rita', lastName: null, blocked: false });
    expect(snapshot).not.toHaveProperty('identities');
  });

  it('only the fields a change touched are written and announced', () => {
    const before = newThread({ workspaceId: 'w', contact, now: T0 });
    expect(changedFields(before, { ...before, status: 'open', collaboratorIds: [] })).toEqual(['status']);
  });

  it('a creation is announced with every field changed, and only a creation names the contact id', () => {
    const created = newThread({ workspaceId: 'w', contact, now: T0 });
    // The thread writer announces a new thread with `Object.keys(state)`.
    expect(announcesCreation(Object.keys(created))).toBe(true);
    const everyChange = changedFields(created, { ...created, status: 'open', assigneeId: 'u', teamId: 't', contact: { ...contact, firstName: 'Rina' }, deleted: true, incomingCount: 3 });
    expect(everyChange).not.toContain('contactId');
    expect(announcesCreation(everyChange)).toBe(false);
  });

  it('CNV-9: events are attributed to users, API tokens or the platform', () => {
    expect(sourceOf({ id: 'u', kind: 'user', teamIds: [] })).toBe('user');
    expect(sourceOf({ id: 't', kind: 'api', teamIds: [] })).toBe('api');
    expect(sourceOf({ id: 's', kind: 'system', teamIds: [] })).toBe('system');
    expect(isRefusal({ refused: 'x', message: 'y' })).toBe(true);
    expect(isRefusal({ state: {} })).toBe(false);
  });
});
