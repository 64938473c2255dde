import type { CallerScope } from '../identity/caller';
import {
  countBucketOf,
  dotViewFor,
  mayOpenCustomView,
  mayOpenView,
  mayReceiveThread,
  openCount,
  parseView,
  ThreadPlacement,
  viewHoldsThread,
  WorkspaceTeam,
} from './inbox-views';

const user = (id: string, role: CallerScope['role'], restriction: CallerScope['restriction'], teamIds: string[] = [], extra: Partial<CallerScope> = {}): CallerScope => ({
  workspaceId: 'w',
  principalId: id,
  kind: 'user',
  role,
  restriction,
  teamIds,
  teamMemberIds: [],
  canViewBlocked: true,
  ...extra,
});
const thread = (extra: Partial<ThreadPlacement> = {}): ThreadPlacement => ({
  status: 'open',
  assigneeId: null,
  teamId: null,
  collaboratorIds: [],
  mentionedUntil: {},
  blocked: false,
  deleted: false,
  listed: true,
  ...extra,
});
const teams: WorkspaceTeam[] = [
  { id: 'sales', name: 'Sales', memberIds: ['ana', 'ben'] },
  { id: 'support', name: 'Support', memberIds: ['ben', 'dee'] },
];
const members = (teamId: string) => teams.find((t) => t.id === teamId)?.memberIds ?? [];
const teamIds = teams.map((t) => t.id);

describe('inbox views (INB-1…6)', () => {
  it('parses every API.md view name and refuses others', () => {
    expect(parseView('all')).toEqual({ kind: 'all' });
    expect(parseView('team:abc')).toEqual({ kind: 'team', teamId: 'abc' });
    expect(parseView('team:abc:unassigned')).toEqual({ kind: 'team_unassigned', teamId: 'abc' });
    expect(parseView('custom:x1')).toEqual({ kind: 'custom', customId: 'x1' });
    expect(parseView('blocked')).toEqual({ kind: 'blocked' });
    expect(parseView('team:')).toBeNull();
    expect(parseView('everything')).toBeNull();
  });

  it('INB-1: agents restricted to team or self open only Mine among standard views', () => {
    for (const restriction of ['team', 'self'] as const) {
      const agent = user('a', 'agent', restriction, ['sales']);
      expect(mayOpenView(agent, { kind: 'mine' }, teamIds)).toBe(true);
      expect(mayOpenView(agent, { kind: 'all' }, teamIds)).toBe(false);
      expect(mayOpenView(agent, { kind: 'unassigned' }, teamIds)).toBe(false);
    }
    expect(mayOpenView(user('a', 'agent', 'none'), { kind: 'all' }, teamIds)).toBe(true);
  });

  it('INB-2: owners and managers open every team view; none/team agents their own; self agents none', () => {
    expect(mayOpenView(user('o', 'owner', 'none'), { kind: 'team', teamId: 'support' }, teamIds)).toBe(true);
    expect(mayOpenView(user('m', 'manager', 'none'), { kind: 'team_unassigned', teamId: 'sales' }, teamIds)).toBe(true);
    expect(mayOpenView(user('a', 'agent', 'none', ['sales']), { kind: 'team', teamId: 'sales' }, teamIds)).toBe(true);
    expect(mayOpenView(user('a', 'agent', 'none', ['sales']), { kind: 'team', teamId: 'support' }, teamIds)).toBe(false);
    expect(mayOpenView(user('a', 'agent', 'team', ['sales']), { kind: 'team', teamId: 'sales' }, teamIds)).toBe(true);
    expect(mayOpenView(user('a', 'agent', 'self', ['sales']), { kind: 'team', teamId: 'sales' }, teamIds)).toBe(false);
    expect(mayOpenView(user('o', 'owner', 'none'), { kind: 'team', teamId: 'nope' }, teamIds)).toBe(false);
  });

  it("INB-2: a thread is in team T's view by its team or its assignee's membership, not when assigned directly outside T", () => {
    expect(viewHoldsThread({ kind: 'team', teamId: 'sales' }, thread({ teamId: 'sales' }), 'x', members)).toBe(true);
    expect(viewHoldsThread({ kind: 'team', teamId: 'sales' }, thread({ assigneeId: 'ana' }), 'x', members)).toBe(true);
    expect(viewHoldsThread({ kind: 'team', teamId: 'sales' }, thread({ assigneeId: 'dee' }), 'x', members)).toBe(false);
    expect(viewHoldsThread({ kind: 'team_unassigned', teamId: 'sales' }, thread({ teamId: 'sales' }), 'x', members)).toBe(true);
    expect(viewHoldsThread({ kind: 'team_unassigned', teamId: 'sales' }, thread({ teamId: 'sales', assigneeId: 'ana' }), 'x', members)).toBe(false);
  });

  it('INB-4: a blocked contact’s thread is in the blocked view only; unlisted and deleted threads in none', () => {
    const blocked = thread({ blocked: true, assigneeId: 'ana' });
    for (const view of [{ kind: 'all' }, { kind: 'mine' }, { kind: 'unassigned' }, { kind: 'team', teamId: 'sales' }] as const) {
      expect(viewHoldsThread(view, blocked, 'ana', members)).toBe(false);
    }
    expect(viewHoldsThread({ kind: 'blocked' }, blocked, 'ana', members)).toBe(true);
    expect(viewHoldsThread({ kind: 'all' }, thread({ listed: false }), 'ana', members)).toBe(false);
    expect(viewHoldsThread({ kind: 'all' }, thread({ deleted: true }), 'ana', members)).toBe(false);
    expect(mayOpenView(user('a', 'agent', 'none', [], { canViewBlocked: false }), { kind: 'blocked' }, teamIds)).toBe(false);
  });

  it('INB-3: a custom view opens for its creator and those it is shared with', () => {
    const view = { createdBy: 'ana', sharing: { teamIds: ['support'], userIds: ['zed'] } };
    expect(mayOpenCustomView(user('ana', 'agent', 'none'), view)).toBe(true);
    expect(mayOpenCustomView(user('zed', 'agent', 'none'), view)).toBe(true);
    expect(mayOpenCustomView(user('dee', 'agent', 'none', ['support']), view)).toBe(true);
    expect(mayOpenCustomView(user('ben', 'agent', 'none', ['sales']), view)).toBe(false);
    expect(mayOpenCustomView(user('ben', 'agent', 'none'), { createdBy: 'ana', sharing: { everyone: true } })).toBe(true);
  });

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

  it('INB-5: open counts are sums of (team, assignee) buckets', () => {
    const buckets: Record<string, number> = {};
    const add = (t: ThreadPlacement) => {
      const bucket = countBucketOf(t);
      if (bucket) buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    };
    add(thread({ teamId: 'sales' }));
    add(thread({ assigneeId: 'ana' }));
    add(thread({ assigneeId: 'dee' }));
    add(thread({ assigneeId: 'zed' }));
    add(thread({ status: 'closed', assigneeId: 'ana' }));
    add(thread({ status: 'snoozed', assigneeId: 'ana' }));
    add(thread({ blocked: true }));
    add(thread({ listed: false }));
    expect(openCount({ kind: 'all' }, buckets, 'ana', members)).toBe(4);
    expect(openCount({ kind: 'mine' }, buckets, 'ana', members)).toBe(1);
    expect(openCount({ kind: 'unassigned' }, buckets, 'ana', members)).toBe(1);
    expect(openCount({ kind: 'team', teamId: 'sales' }, buckets, 'ana', members)).toBe(2);
    expect(openCount({ kind: 'team', teamId: 'support' }, buckets, 'ana', members)).toBe(1);
    expect(openCount({ kind: 'team_unassigned', teamId: 'sales' }, buckets, 'ana', members)).toBe(1);
    expect(buckets.x).toBe(1);
  });

  it('VIS-4: pushes of a thread go to those who may see it; blocked threads only to those allowed to see blocked contacts', () => {
    expect(mayReceiveThread(user('sam', 'agent', 'self'), { ...thread({ assigneeId: 'ana' }) })).toBe(false);
    expect(mayReceiveThread(user('sam', 'agent', 'self'), { ...thread({ assigneeId: 'sam' }) })).toBe(true);
    expect(mayReceiveThread(user('o', 'owner', 'none', [], { canViewBlocked: false }), { ...thread({ blocked: true }) })).toBe(false);
  });
});
