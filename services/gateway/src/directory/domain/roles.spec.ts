import { actorOf, keepsAnOwner, mayAssignRole, mayChangeUser, mayManageDirectory } from './roles';

describe('roles', () => {
  it('agents and API tokens cannot manage the directory; owners and managers can', () => {
    expect(mayManageDirectory({ kind: 'user', id: 'a', role: 'agent' })?.status).toBe(403);
    expect(mayManageDirectory({ kind: 'api', id: 't', role: 'manager' })?.status).toBe(403);
    expect(mayManageDirectory({ kind: 'user', id: 'm', role: 'manager' })).toBeNull();
    expect(mayManageDirectory({ kind: 'user', id: 'o', role: 'owner' })).toBeNull();
  });

  it('everyone may change their own name and password; their access, or another user, is directory management', () => {
    const agent = { kind: 'user' as const, id: 'a', role: 'agent' as const };
    expect(mayChangeUser(agent, 'a', false)).toBeNull();
    expect(mayChangeUser(agent, 'a', true)?.status).toBe(403);
    expect(mayChangeUser(agent, 'b', false)?.status).toBe(403);
    expect(mayChangeUser({ kind: 'user', id: 'm', role: 'manager' }, 'b', true)).toBeNull();
    expect(mayChangeUser({ kind: 'api', id: 'a', role: 'manager' }, 'a', false)?.status).toBe(403);
  });

  it('only an owner creates, changes or promotes an owner', () => {
    const manager = { kind: 'user' as const, id: 'm', role: 'manager' as const };
    const owner = { kind: 'user' as const, id: 'o', role: 'owner' as const };
    expect(mayAssignRole(manager, null, 'owner')?.status).toBe(403);
    expect(mayAssignRole(manager, 'owner', 'agent')?.status).toBe(403);
    expect(mayAssignRole(manager, 'agent', 'manager')).toBeNull();
    expect(mayAssignRole(owner, 'agent', 'owner')).toBeNull();
  });

  it('the last owner cannot be demoted', () => {
    expect(keepsAnOwner(1, 'owner', 'manager')?.code).toBe('last_owner');
    expect(keepsAnOwner(2, 'owner', 'manager')).toBeNull();
    expect(keepsAnOwner(1, 'owner', 'owner')).toBeNull();
    expect(keepsAnOwner(1, 'agent', 'manager')).toBeNull();
  });

  it('the actor of a request is its principal: a user or an API token, with its role', () => {
    expect(actorOf({ kind: 'api', principalId: 't', role: 'manager' })).toEqual({ kind: 'api', id: 't', role: 'manager' });
  });
});
