import type { CallerScope } from '../identity/caller';
import { mayOpenView, parseView, placementOf, ThreadPlacement, viewHoldsThread, viewName } from './views';

const user = (id: string, role: CallerScope['role'], restriction: CallerScope['restriction'], teamIds: string[] = [], extra: Partial<CallerScope> = {}): CallerScope => ({
  workspaceId: 'w', principalId: id, kind: 'user', role, restriction, teamIds, teamMemberIds: [], canViewBlocked: true, ...extra,
});
const thread = (extra: Partial<ThreadPlacement> = {}): ThreadPlacement => ({
  status: 'open', assigneeId: null, teamId: null, collaboratorIds: [], mentionedUntil: {}, blocked: false, deleted: false, listed: true, ...extra,
});
const teamIds = ['sales', 'support'];
const members = (teamId: string): string[] => (({ sales: ['ana', 'ben'], support: ['ben', 'dee'] }) as Record<string, string[]>)[teamId] ?? [];

describe('inbox views (INB-1, INB-2, INB-4)', () => {
  it('parses every API.md view name and refuses others', () => {
    expect(parseView('all')).toEqual({ kind: 'all' });
    expect(parseView('team:abc')).toEqual({ kind: 'team', teamId: 'abc' });
    expect(parseView('team:abc:unassigned')).toEqual({ kind: 'team_unassigned', teamId: 'abc' });
    expect(parseView('custom:x1')).toEqual({ kind: 'custom', customId: 'x1' });
    expect(parseView('blocked')).toEqual({ kind: 'blocked' });
    expect(parseView('team:')).toBeNull();
    expect(parseView('everything')).toBeNull();
    for (const name of ['all', 'team:abc', 'team:abc:unassigned', 'custom:x1', 'blocked']) expect(viewName(parseView(name)!)).toBe(name);
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

  it('a thread is listed once it has a message; its placement follows its contact’s block', () => {
    const snapshot = { status: 'open' as const, assigneeId: null, teamId: null, collaboratorIds: [], mentionedUntil: {}, contact: { blocked: true }, deleted: false, lastMessage: null };
    expect(placementOf(snapshot)).toMatchObject({ listed: false, blocked: true });
    expect(placementOf({ ...snapshot, lastMessage: { id: 'm' } }).listed).toBe(true);
  });
});
