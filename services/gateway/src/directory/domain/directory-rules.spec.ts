import { effectiveRestriction, keepsAnOwner, mayAssignRole, mayManageDirectory, normaliseEmail } from './directory-rules';

describe('directory rules', () => {
  it('agents and API tokens cannot manage the directory; owners and managers can', () => {
    expect(mayManageDirectory({ kind: 'user', id: 'a', role: 'agent' })?.status).toBe(403);
    expect(mayManageDirectory({ kind: 'api', id: 't', role: 'manager' })?.status).toBe(403);
    expect(mayManageDirectory({ kind: 'user', id: 'm', role: 'manager' })).toBeNull();
    expect(mayManageDirectory({ kind: 'user', id: 'o', role: 'owner' })).toBeNull();
  });

  it('only an owner creates, changes or promotes an owner', () => {
    const manager = { kind: 'user' as const, id: 'm', role: 'manager' as const };
    const owner = { kind: 'user' as const, id: 'o', role: 'owner' as const };
    expect(mayAssignRole(manager, null, 'owner')?.status).toBe(403);
    expect(mayAssignRole(manager, 'owner', 'agent')?.status).toBe(403);
    expect(mayAssignRole(manager, 'agent', 'manager')).toBeNull();
    expect(mayAssignRole(owner, 'agent', 'owner')).toBeNull();
  });

  it('VIS-1/VIS-2: only agents carry a restriction; it defaults to none', () => {
    expect(effectiveRestriction('agent', 'self')).toBe('self');
    expect(effectiveRestriction('agent', undefined)).toBe('none');
    expect(effectiveRestriction('manager', undefined)).toBe('none');
    expect(effectiveRestriction('owner', 'none')).toBe('none');
    expect(effectiveRestriction('manager', 'team')).toMatchObject({ status: 400, field: 'restriction' });
  });

  it('the last owner cannot be demoted', () => {
    expect(keepsAnOwner(1, 'owner', 'manager')?.code).toBe('last_owner');
    expect(keepsAnOwner(2, 'owner', 'manager')).toBeNull();
    expect(keepsAnOwner(1, 'owner', 'owner')).toBeNull();
    expect(keepsAnOwner(1, 'agent', 'manager')).toBeNull();
  });

  it('e-mail addresses are compared case-insensitively', () => {
    expect(normaliseEmail('  Ana.Smith@Example.COM ')).toBe('ana.smith@example.com');
  });
});
