import { NO_ACCESS_GRANTS, NotificationSnapshot } from '@omnibox/contracts';
import { decodeCursor, pageOf, visibleTo } from './centre';

const item = (id: string, updatedAt: string): NotificationSnapshot => ({ id, kind: 'mentioned', contactId: 'c', callId: null, actorId: null, title: 't', body: 'b', count: 1, read: false, createdAt: updatedAt, updatedAt });

describe('the notification centre (NTF-1, VIS-4)', () => {
  it('NTF-1: newest first, in pages that neither skip nor repeat', () => {
    const items = [item('a', '2026-01-01T10:00:00Z'), item('b', '2026-01-01T12:00:00Z'), item('c', '2026-01-01T11:00:00Z'), item('d', '2026-01-01T11:00:00Z')];
    const first = pageOf(items, 2, null);
    expect(first.items.map((i) => i.id)).toEqual(['b', 'd']);
    const second = pageOf(items, 2, decodeCursor(first.nextCursor!));
    expect(second.items.map((i) => i.id)).toEqual(['c', 'a']);
    expect(second.nextCursor).toBeNull();
    expect(decodeCursor('bm90IGEgY3Vyc29y')).toBeNull();
  });

  it('VIS-4: the centre never shows a notification about a thread the user can no longer see', () => {
    const self = { workspaceId: 'w', principalId: 'cid', kind: 'user' as const, role: 'agent' as const, restriction: 'self' as const, teamIds: [], teamMemberIds: [], canViewBlocked: true };
    expect(visibleTo(self, { thread: { access: { ...NO_ACCESS_GRANTS, assigneeId: 'cid' }, blocked: false } })).toBe(true);
    expect(visibleTo(self, { thread: { access: { ...NO_ACCESS_GRANTS, assigneeId: 'ana' }, blocked: false } })).toBe(false);
  });
});
