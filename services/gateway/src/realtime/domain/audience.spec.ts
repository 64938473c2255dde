import type { CallerScope } from '@omnibox/contracts';
import { mayReceiveThread } from './audience';

const user = (id: string, role: CallerScope['role'], restriction: CallerScope['restriction'], extra: Partial<CallerScope> = {}): CallerScope => ({
  workspaceId: 'w', principalId: id, kind: 'user', role, restriction, teamIds: [], teamMemberIds: [], canViewBlocked: true, ...extra,
});
const thread = (extra: { assigneeId?: string | null; blocked?: boolean; collaboratorIds?: string[]; mentionedUntil?: Record<string, string> } = {}) => ({
  assigneeId: extra.assigneeId ?? null,
  teamId: null,
  collaboratorIds: extra.collaboratorIds ?? [],
  mentionedUntil: extra.mentionedUntil ?? {},
  contact: { blocked: extra.blocked ?? false },
});

describe('who receives a thread’s pushes (VIS-4)', () => {
  it('VIS-4: pushes of a thread go to those who may see it; blocked threads only to those allowed to see blocked contacts', () => {
    expect(mayReceiveThread(user('sam', 'agent', 'self'), thread({ assigneeId: 'ana' }))).toBe(false);
    expect(mayReceiveThread(user('sam', 'agent', 'self'), thread({ assigneeId: 'sam' }))).toBe(true);
    expect(mayReceiveThread(user('o', 'owner', 'none', { canViewBlocked: false }), thread({ blocked: true }))).toBe(false);
  });

  it('VIS-3: collaborators, and mentioned users until their access expires', () => {
    const now = new Date('2026-11-20T10:00:00.000Z');
    expect(mayReceiveThread(user('sam', 'agent', 'self'), thread({ assigneeId: 'ana', collaboratorIds: ['sam'] }), now)).toBe(true);
    expect(mayReceiveThread(user('sam', 'agent', 'self'), thread({ assigneeId: 'ana', mentionedUntil: { sam: '2026-11-21T00:00:00.000Z' } }), now)).toBe(true);
    expect(mayReceiveThread(user('sam', 'agent', 'self'), thread({ assigneeId: 'ana', mentionedUntil: { sam: '2026-11-19T00:00:00.000Z' } }), now)).toBe(false);
  });
});
