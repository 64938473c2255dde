import { apiTokenScope, userScope, UserAccess } from './caller-scope';

const user = (access: Partial<UserAccess>): UserAccess => ({ id: 'me', workspaceId: 'w', role: 'agent', restriction: 'none', canViewBlocked: false, ...access });
const teams = [
  { id: 't1', memberIds: ['me', 'mate'] },
  { id: 't2', memberIds: ['me', 'mate', 'other'] },
];

describe('caller scope', () => {
  it('VIS-2: a team-restricted agent carries the ids of everyone in their teams, once each', () => {
    const scope = userScope(user({ restriction: 'team' }), teams);
    expect(scope.teamIds).toEqual(['t1', 't2']);
    expect(scope.teamMemberIds).toEqual(['me', 'mate', 'other']);
  });

  it('VIS-1/VIS-2: owners, managers and other agents carry their teams but no teammates', () => {
    expect(userScope(user({ restriction: 'self' }), teams).teamMemberIds).toEqual([]);
    expect(userScope(user({ restriction: 'none' }), teams).teamMemberIds).toEqual([]);
    expect(userScope(user({ role: 'manager', restriction: 'team' }), teams)).toMatchObject({ role: 'manager', teamIds: ['t1', 't2'], teamMemberIds: [] });
  });

  it('a user scope names the user, their workspace and whether they see blocked contacts', () => {
    expect(userScope(user({ canViewBlocked: true }), [])).toEqual({
      workspaceId: 'w', principalId: 'me', kind: 'user', role: 'agent', restriction: 'none', teamIds: [], teamMemberIds: [], canViewBlocked: true,
    });
  });

  it('an API token acts for its workspace as an unrestricted manager who sees blocked contacts', () => {
    expect(apiTokenScope({ id: 'tok', workspaceId: 'w' })).toEqual({
      workspaceId: 'w', principalId: 'tok', kind: 'api', role: 'manager', restriction: 'none', teamIds: [], teamMemberIds: [], canViewBlocked: true,
    });
  });
});
