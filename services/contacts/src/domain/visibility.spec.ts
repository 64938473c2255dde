import { CallerScope, NO_ACCESS_GRANTS } from '@omnibox/contracts';
import { accessOnCreate, canSeeContact } from './visibility';

const caller = (over: Partial<CallerScope> = {}): CallerScope => ({
  workspaceId: 'w1', principalId: 'me', kind: 'user', role: 'agent', restriction: 'self', teamIds: ['t1'], teamMemberIds: [], canViewBlocked: true, ...over,
});
const contact = (access = {}, over = {}) => ({ workspaceId: 'w1', access: { ...NO_ACCESS_GRANTS, ...access }, ...over });

describe('who sees a contact (VIS-1…4)', () => {
  it('VIS-1: owners and managers see every contact of their workspace', () => {
    expect(canSeeContact(caller({ role: 'owner' }), contact())).toBe(true);
    expect(canSeeContact(caller({ role: 'manager' }), contact())).toBe(true);
  });
  it('VIS-2: a self agent sees contacts assigned to them only; a team agent also their teams\'', () => {
    expect(canSeeContact(caller(), contact({ assigneeId: 'me' }))).toBe(true);
    expect(canSeeContact(caller(), contact({ assigneeId: 'other' }))).toBe(false);
    expect(canSeeContact(caller({ restriction: 'team' }), contact({ teamId: 't1' }))).toBe(true);
  });
  it('VIS-3: collaborators and users mentioned in the last 24 h see it', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(canSeeContact(caller(), contact({ collaboratorIds: ['me'] }), now)).toBe(true);
    expect(canSeeContact(caller(), contact({ mentionedUntil: { me: '2026-01-02T00:00:00Z' } }), now)).toBe(true);
    expect(canSeeContact(caller(), contact({ mentionedUntil: { me: '2026-01-01T11:00:00Z' } }), now)).toBe(false);
  });
  it('VIS-4: a contact of another workspace, deleted or merged away is seen by nobody', () => {
    expect(canSeeContact(caller({ role: 'owner' }), contact({}, { workspaceId: 'w2' }))).toBe(false);
    expect(canSeeContact(caller({ role: 'owner' }), contact({}, { deletedAt: new Date() }))).toBe(false);
  });
});

describe('who sees a new contact (CON-1)', () => {
  it('CON-1: the contact is seen through the assignee and team it is created with', () => {
    expect(accessOnCreate(caller({ role: 'owner' }), 'u2', 't1')).toEqual({ ...NO_ACCESS_GRANTS, assigneeId: 'u2', teamId: 't1' });
    expect(accessOnCreate(caller({ role: 'owner' }))).toEqual(NO_ACCESS_GRANTS);
  });
  it('CON-1: an agent who sees only their own threads and names no assignee or team gets it assigned to themselves', () => {
    expect(accessOnCreate(caller()).assigneeId).toBe('me');
    expect(accessOnCreate(caller(), undefined, 't1')).toMatchObject({ assigneeId: null, teamId: 't1' });
    expect(accessOnCreate(caller({ restriction: 'none' })).assigneeId).toBeNull();
  });
});
