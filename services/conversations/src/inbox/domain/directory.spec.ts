import type { CallerScope } from '@omnibox/contracts';
import { knownTeamIds, workspaceDirectoryOf } from './directory';

describe('the workspace directory of the inbox', () => {
  const directory = workspaceDirectoryOf(
    'w',
    [
      { id: 'ana', role: 'agent', restriction: 'team', canViewBlocked: true },
      { id: 'olivia', role: 'owner', restriction: 'none', canViewBlocked: false },
    ],
    [
      { id: 'p', name: 'Support', memberIds: ['dee'] },
      { id: 's', name: 'Sales', memberIds: ['ana', 'ben'] },
    ],
  );

  it('lists teams in sidebar order (by name) and answers their members', () => {
    expect(directory.teams.map((team) => team.name)).toEqual(['Sales', 'Support']);
    expect(directory.members('s')).toEqual(['ana', 'ben']);
    expect(directory.members('gone')).toEqual([]);
  });

  it('VIS-2: a team agent’s scope names their teams and teammates, as the gateway signs it', () => {
    expect(directory.users[0]).toEqual({ workspaceId: 'w', principalId: 'ana', kind: 'user', role: 'agent', restriction: 'team', teamIds: ['s'], teamMemberIds: ['ana', 'ben'], canViewBlocked: true });
    expect(directory.users[1]).toMatchObject({ principalId: 'olivia', teamIds: [], teamMemberIds: [], canViewBlocked: false });
  });

  it('a team in the caller’s own signed scope counts even before its event arrived', () => {
    const caller = { ...directory.users[0], teamIds: ['s', 'new'] } as CallerScope;
    expect(knownTeamIds(directory, caller)).toEqual(['s', 'p', 'new']);
  });
});
