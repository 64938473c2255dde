import type { CallerScope } from '@omnibox/contracts';
import { sidebarOf } from './sidebar';

const scope = (role: CallerScope['role'], restriction: CallerScope['restriction'], teamIds: string[] = [], canViewBlocked = true): CallerScope => ({
  workspaceId: 'w', principalId: 'ana', kind: 'user', role, restriction, teamIds, teamMemberIds: [], canViewBlocked,
});
const teams = [
  { id: 's', name: 'Sales', memberIds: ['ana', 'ben'] },
  { id: 'p', name: 'Support', memberIds: ['dee'] },
];
const counts = { 'o:|ana': 2, 'o:s|': 1, 'o:|': 3, 'o:p|dee': 1, x: 1 };

describe('sidebar (INB-1, INB-2, INB-4, INB-5, INB-6)', () => {
  it('offers only the views the caller may open, with open counts and dots', () => {
    const bar = sidebarOf(scope('agent', 'none', ['s']), teams, counts, { mine: 'at' }, 1);
    expect(bar.standard).toEqual([
      { view: 'all', openCount: 7, hasNew: false },
      { view: 'mine', openCount: 2, hasNew: true },
      { view: 'unassigned', openCount: 4, hasNew: false },
    ]);
    expect(bar.teams).toEqual([{ view: 'team:s', teamId: 's', name: 'Sales', openCount: 3, hasNew: false }]);
    expect(bar.blocked).toEqual({ view: 'blocked', count: 1 });
  });

  it('a self agent: Mine only, no team views; the blocked view only while a contact is blocked and only for those allowed', () => {
    const bar = sidebarOf(scope('agent', 'self', ['s'], false), teams, counts, {}, 1);
    expect(bar.standard.map((v) => v.view)).toEqual(['mine']);
    expect(bar.teams).toEqual([]);
    expect(bar.blocked).toBeNull();
    const noBlocked = { ...counts, x: 0 };
    expect(sidebarOf(scope('owner', 'none'), teams, noBlocked, {}, 0).blocked).toBeNull();
    expect(sidebarOf(scope('owner', 'none'), teams, noBlocked, {}, 0).teams.map((t) => t.name)).toEqual(['Sales', 'Support']);
  });

  it('VIS-4: the blocked view counts only the blocked threads the caller may see, and is not offered when they see none', () => {
    expect(sidebarOf(scope('agent', 'team', ['s']), teams, counts, {}, 0).blocked).toBeNull();
    expect(sidebarOf(scope('agent', 'team', ['s']), teams, counts, {}, 2).blocked).toEqual({ view: 'blocked', count: 2 });
  });
});
