import { assign, roundRobinPick, takesOwnershipOnReply } from './assignment';
import { Actor, newThread, ThreadState } from './thread';

const T0 = '2026-01-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const thread = (extra: Partial<ThreadState> = {}): ThreadState => ({
  ...newThread({ workspaceId: 'w', contact: { id: 'c', firstName: 'Rita', lastName: null, blocked: false, phone: '+628120000', email: null }, now: T0 }),
  ...extra,
});
const ana: Actor = { id: 'ana', kind: 'user', teamIds: ['sales'] };

describe('assignment (CNV-2, CNV-4)', () => {
  it('CNV-4: assigning to a user keeps the team only when they belong to it; unassign keeps the team', () => {
    const inSales = thread({ teamId: 'sales' });
    expect(assign(inSales, { mode: 'user', userId: 'ben', userTeamIds: ['sales'] }, ana, at(1)).state).toMatchObject({ assigneeId: 'ben', teamId: 'sales' });
    expect(assign(inSales, { mode: 'user', userId: 'dee', userTeamIds: ['support'] }, ana, at(1)).state).toMatchObject({ assigneeId: 'dee', teamId: null });
    expect(assign(thread({ assigneeId: 'x' }), { mode: 'team', teamId: 'sales' }, ana, at(1)).state).toMatchObject({ assigneeId: null, teamId: 'sales' });
    expect(assign(thread({ assigneeId: 'x', teamId: 'sales' }), { mode: 'unassign' }, ana, at(1))).toMatchObject({ state: { assigneeId: null, teamId: 'sales' }, events: [{ category: 'unassignment' }] });
  });

  it('CNV-4: "to me" clears a team the caller is not in; to a team member sets both; each writes an event', () => {
    expect(assign(thread({ teamId: 'support' }), { mode: 'me' }, ana, at(1)).state).toMatchObject({ assigneeId: 'ana', teamId: null });
    const member = assign(thread(), { mode: 'team_member', teamId: 'sales', userId: 'ben' }, ana, at(1));
    expect(member.state).toMatchObject({ assigneeId: 'ben', teamId: 'sales' });
    expect(member.events).toEqual([{ category: 'assignment', type: 'assigned', source: 'user', actorId: 'ana', data: { mode: 'team_member', assigneeId: 'ben', teamId: 'sales', previousAssigneeId: null, previousTeamId: null } }]);
  });

  it('CNV-4: round-robin takes turns over the team members in a stable order', () => {
    expect([1, 2, 3, 4].map((turn) => roundRobinPick(['cid', 'ana', 'ben', 'ana'], turn))).toEqual(['ana', 'ben', 'cid', 'ana']);
    expect(roundRobinPick([], 1)).toBeNull();
  });

  it('CNV-2: only a user takes ownership by replying, and in a team thread only a member', () => {
    expect(takesOwnershipOnReply(thread(), ana)).toBe(true);
    expect(takesOwnershipOnReply(thread({ assigneeId: 'ben' }), ana)).toBe(false);
    expect(takesOwnershipOnReply(thread({ teamId: 'support' }), ana)).toBe(false);
    expect(takesOwnershipOnReply(thread(), { id: 'tok', kind: 'api', teamIds: [] })).toBe(false);
  });
});
