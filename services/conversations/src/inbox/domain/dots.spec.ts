import type { CallerScope } from '@omnibox/contracts';
import { dotsFor, dotViewFor, isIncomingMessageUpdate } from './dots';
import type { WorkspaceTeam } from '@omnibox/directory';
import type { ThreadPlacement } from './inbox-views';

const user = (id: string, role: CallerScope['role'], restriction: CallerScope['restriction'], teamIds: string[] = []): CallerScope => ({
  workspaceId: 'w', principalId: id, kind: 'user', role, restriction, teamIds, teamMemberIds: [], canViewBlocked: true,
});
const thread = (extra: Partial<ThreadPlacement> = {}): ThreadPlacement => ({
  status: 'open', assigneeId: null, teamId: null, collaboratorIds: [], mentionedUntil: {}, blocked: false, deleted: false, listed: true, ...extra,
});
const teams: WorkspaceTeam[] = [
  { id: 'sales', name: 'Sales', memberIds: ['ana', 'ben'] },
  { id: 'support', name: 'Support', memberIds: ['ben', 'dee'] },
];

describe('new-message dots (INB-6)', () => {
  it('INB-6: a new message on a thread in Mine lights Mine only', () => {
    expect(dotViewFor(user('ana', 'agent', 'none', ['sales']), thread({ assigneeId: 'ana', teamId: 'sales' }), teams)).toBe('mine');
  });

  it('INB-6: Team comes before Unassigned and All; the thread’s own team first', () => {
    expect(dotViewFor(user('o', 'owner', 'none'), thread({ teamId: 'support' }), teams)).toBe('team:support');
    expect(dotViewFor(user('ben', 'agent', 'none', ['sales', 'support']), thread({ assigneeId: 'ana' }), teams)).toBe('team:sales');
    expect(dotViewFor(user('ben', 'agent', 'none', ['sales', 'support']), thread({ teamId: 'support', assigneeId: 'ana' }), teams)).toBe('team:support');
    expect(dotViewFor(user('o', 'owner', 'none'), thread({}), teams)).toBe('unassigned');
    expect(dotViewFor(user('o', 'owner', 'none'), thread({ assigneeId: 'zed' }), teams)).toBe('all');
  });

  it('INB-6 / VIS-4: no dot for a user who cannot see the thread, nor for blocked threads', () => {
    expect(dotViewFor(user('sam', 'agent', 'self'), thread({ assigneeId: 'ana' }), teams)).toBeNull();
    expect(dotViewFor(user('sam', 'agent', 'self'), thread({ assigneeId: 'sam' }), teams)).toBe('mine');
    expect(dotViewFor(user('o', 'owner', 'none'), thread({ blocked: true }), teams)).toBeNull();
    // a self agent who collaborates sees the thread but opens no view holding it
    expect(dotViewFor(user('sam', 'agent', 'self'), thread({ assigneeId: 'ana', collaboratorIds: ['sam'] }), teams)).toBeNull();
  });

  it('INB-6: each user who can see the thread gets exactly one dot', () => {
    const users = [user('ana', 'agent', 'none', ['sales']), user('o', 'owner', 'none'), user('sam', 'agent', 'self')];
    expect(dotsFor(users, thread({ assigneeId: 'ana' }), teams, new Date())).toEqual([
      { userId: 'ana', view: 'mine' },
      { userId: 'o', view: 'team:sales' },
    ]);
  });

  it('INB-6: only the update that counts an incoming message lights dots, not a merge, a channel event or an empty new thread', () => {
    // an incoming message (also a first message creating its thread, every field changed)
    expect(isIncomingMessageUpdate(['lastMessage', 'incomingCount', 'recentIncomingIds', 'status'], { incomingCount: 3 })).toBe(true);
    // CNV-9 channel event: remembered, not counted
    expect(isIncomingMessageUpdate(['identities', 'recentIncomingIds', 'status'], { incomingCount: 3 })).toBe(false);
    // a merge adds the merged thread's count
    expect(isIncomingMessageUpdate(['contact', 'incomingCount', 'lastMessage'], { incomingCount: 5 })).toBe(false);
    // a thread created empty (an outgoing message or a call to a new contact)
    expect(isIncomingMessageUpdate(['incomingCount', 'recentIncomingIds', 'status'], { incomingCount: 0 })).toBe(false);
    // a read, an assignment
    expect(isIncomingMessageUpdate(['reads'], { incomingCount: 3 })).toBe(false);
  });
});
