import { workspaceDirectoryOf } from './directory';

describe('the workspace directory of notifications', () => {
  const directory = workspaceDirectoryOf(
    'w',
    [
      { id: 'ana', name: 'Ana Diaz', role: 'agent', restriction: 'team', canViewBlocked: true },
      { id: 'olivia', name: 'Olivia', role: 'owner', restriction: 'none', canViewBlocked: false },
    ],
    [{ id: 's', name: 'Sales', memberIds: ['ana', 'ben'] }],
  );

  it('VIS-2: a team agent’s scope names their teams and teammates, as the gateway signs it', () => {
    expect(directory.scopeOf('ana')).toEqual({ workspaceId: 'w', principalId: 'ana', kind: 'user', role: 'agent', restriction: 'team', teamIds: ['s'], teamMemberIds: ['ana', 'ben'], canViewBlocked: true });
    expect(directory.scopeOf('olivia')).toMatchObject({ teamIds: [], teamMemberIds: [], canViewBlocked: false });
  });

  it('a user or team not known yet has no scope, name or members', () => {
    expect(directory.scopeOf('ben')).toBeNull();
    expect(directory.nameOf('ben')).toBeNull();
    expect(directory.nameOf(null)).toBeNull();
    expect(directory.team('gone')).toBeNull();
    expect(directory.team('s')?.memberIds).toEqual(['ana', 'ben']);
    expect(directory.nameOf('ana')).toBe('Ana Diaz');
  });
});
