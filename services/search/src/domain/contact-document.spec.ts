import { ContactSnapshot, ThreadSnapshot } from '@omnibox/contracts';
import { deletedContact, emptyContactDocument, foundContact, mergedAwayContact, withSnapshot, withThreadAccess } from './contact-document';

const snapshot = (over: Partial<ContactSnapshot> = {}): ContactSnapshot => ({
  id: 'c1', firstName: 'Carlos', lastName: 'Silva', phone: '+6281234567890', email: 'carlos@gmail.com', language: null, countryCode: 'ID', gender: null, tags: [],
  customFields: {}, blocked: false, assigneeId: null, teamId: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...over,
});
const thread = (over: Partial<ThreadSnapshot> = {}) => ({ contactId: 'c1', assigneeId: 'u1', teamId: null, collaboratorIds: [], mentionedUntil: {}, updatedAt: '2026-01-02T00:00:00.000Z', ...over }) as ThreadSnapshot;
const empty = () => emptyContactDocument('w1', 'c1');

describe('the contact document follows both services\' events, in any order and more than once', () => {
  it('SRH-1: a snapshot makes the contact findable, with its assignment at creation deciding who sees it (CON-1)', () => {
    const applied = withSnapshot(empty(), snapshot({ assigneeId: 'u2' }));
    expect(applied?.doc).toMatchObject({ hasDetails: true, firstName: 'Carlos', assigneeId: 'u2', contactAt: '2026-01-01T00:00:00.000Z' });
    expect(applied?.follow).toBe(true);
  });
  it('an older snapshot never overwrites a newer one; a deleted contact is never revived', () => {
    const newer = withSnapshot(empty(), snapshot({ updatedAt: '2026-01-05T00:00:00.000Z' }))!.doc;
    expect(withSnapshot(newer, snapshot({ firstName: 'Old' }))).toBeNull();
    expect(withSnapshot(deletedContact(newer, '2026-01-06T00:00:00.000Z')!, snapshot({ updatedAt: '2026-01-07T00:00:00.000Z' }))).toBeNull();
  });
  it('CNV-8: blocking a contact makes its message documents follow', () => {
    const indexed = withSnapshot(empty(), snapshot())!.doc;
    expect(withSnapshot(indexed, snapshot({ blocked: true, updatedAt: '2026-01-03T00:00:00.000Z' }))?.follow).toBe(true);
    expect(withSnapshot(indexed, snapshot({ lastName: 'S', updatedAt: '2026-01-03T00:00:00.000Z' }))?.follow).toBe(false);
  });
  it('VIS-2/3: once the thread speaks, its access decides, and only a newer thread state changes it', () => {
    const accessed = withThreadAccess(withSnapshot(empty(), snapshot())!.doc, 'w1', thread())!;
    expect(accessed).toMatchObject({ assigneeId: 'u1', accessAt: '2026-01-02T00:00:00.000Z' });
    expect(withThreadAccess(accessed, 'w1', thread({ assigneeId: 'u9', updatedAt: '2026-01-01T12:00:00.000Z' }))).toBeNull();
    expect(withSnapshot(accessed, snapshot({ assigneeId: 'u2', updatedAt: '2026-01-03T00:00:00.000Z' }))?.doc.assigneeId).toBe('u1');
  });
  it('a thread state with the same access writes nothing; a contact not indexed yet takes it as a placeholder', () => {
    const accessed = withThreadAccess(withSnapshot(empty(), snapshot())!.doc, 'w1', thread())!;
    expect(withThreadAccess(accessed, 'w1', thread({ updatedAt: '2026-01-09T00:00:00.000Z' }))).toBeNull();
    expect(withThreadAccess(null, 'w1', thread())).toMatchObject({ contactId: 'c1', hasDetails: false, assigneeId: 'u1' });
  });
  it('CON-3: a contact merged away becomes a tombstone pointing at the kept one, once', () => {
    const gone = mergedAwayContact(empty(), 'kept', '2026-01-04T00:00:00.000Z');
    expect(gone).toMatchObject({ deleted: true, mergedInto: 'kept' });
    expect(mergedAwayContact(gone!, 'kept', '2026-01-05T00:00:00.000Z')).toBeNull();
    expect(deletedContact(gone!, '2026-01-05T00:00:00.000Z')).toBeNull();
  });
  it('a contact found carries its thread\'s current assignee and team and its block', () => {
    const accessed = withThreadAccess(withSnapshot(empty(), snapshot({ assigneeId: 'u2' }))!.doc, 'w1', thread())!;
    expect(foundContact({ ...accessed, blocked: true })).toMatchObject({ id: 'c1', firstName: 'Carlos', assigneeId: 'u1', blocked: true });
  });
});
