import { workspaceDirectoryOf } from './workspace-directory';

describe('the workspace directory read models keep', () => {
  const directory = workspaceDirectoryOf(
    'w',
    [
      { id: 'ana', name: 'Ana Diaz', role: 'agent', restriction: 'team', canViewBlocked: true },
      { id: 'olivia', role: 'owner', restriction: 'none', canViewBlocked: false },
    ],
    [
      { id: 'p', name: 'Support', memberIds: ['dee'] },
      { id: 's', name: 'Sales', memberIds: ['ana', 'ben'] },
    ],
  );

  it('lists teams by name and answers their members', () => {
    expect(directory.teams.map((team) => team.name)).toEqual(['Sales', 'Support']);
    expect(directory.members('s')).toEqual(['ana', 'ben']);
    expect(directory.members('gone')).toEqual([]);
  });

  it('VIS-2: a team agent’s scope names their teams and teammates, as the gateway signs it', () => {
    expect(directory.users[0]).toEqual({ workspaceId: 'w', principalId: 'ana', kind: 'user', role: 'agent', restriction: 'team', teamIds: ['s'], teamMemberIds: ['ana', 'ben'], canViewBlocked: true });
    expect(directory.user('olivia')).toMatchObject({ principalId: 'olivia', teamIds: [], teamMemberIds: [], canViewBlocked: false });
    expect(directory.user('nobody')).toBeUndefined();
  });

  it('a user or team not known yet has no scope, name or members', () => {
    expect(directory.user('ben')).toBeUndefined();
    expect(directory.nameOf('ben')).toBeNull();
    expect(directory.nameOf(null)).toBeNull();
    expect(directory.team('gone')).toBeNull();
    expect(directory.team('s')?.memberIds).toEqual(['ana', 'ben']);
    expect(directory.nameOf('ana')).toBe('Ana Diaz');
  });
});
