import { assignmentNotice } from './assignment';

const assigned = (data: Record<string, unknown>) => ({ category: 'assignment', type: 'assigned', data: { previousAssigneeId: null, previousTeamId: null, ...data } });

describe('assignment notices (CNV-4, CNV-5)', () => {
  it('CNV-4: assigning to a user (directly, to a team member or by round-robin) is for that user', () => {
    expect(assignmentNotice(assigned({ mode: 'user', assigneeId: 'ana', teamId: null }))).toEqual({ kind: 'assigned', userIds: ['ana'] });
    expect(assignmentNotice(assigned({ mode: 'round_robin', assigneeId: 'ben', teamId: 'sales' }))).toEqual({ kind: 'assigned', userIds: ['ben'] });
  });

  it('CNV-4: assigning to a team’s inbox is for every member of the team', () => {
    expect(assignmentNotice(assigned({ mode: 'team', assigneeId: null, teamId: 'sales' }))).toEqual({ kind: 'team_assigned', teamId: 'sales' });
    expect(assignmentNotice({ category: 'unassignment', type: 'unassigned', data: { assigneeId: null, teamId: 'sales', previousAssigneeId: 'ana', previousTeamId: 'sales' } })).toEqual({ kind: 'team_assigned', teamId: 'sales' });
  });

  it('an assignment that changed nothing notifies nobody', () => {
    expect(assignmentNotice(assigned({ assigneeId: 'ana', previousAssigneeId: 'ana' }))).toBeNull();
    expect(assignmentNotice(assigned({ assigneeId: null, teamId: 'sales', previousTeamId: 'sales' }))).toBeNull();
    expect(assignmentNotice({ category: 'unassignment', type: 'unassigned', data: { assigneeId: null, teamId: null, previousAssigneeId: 'ana' } })).toBeNull();
  });

  it('CNV-5: being made a collaborator is for that user; other timeline events are for no one', () => {
    expect(assignmentNotice({ category: 'collaboration', type: 'collaborator_added', data: { userId: 'cid' } })).toEqual({ kind: 'collaborator_added', userIds: ['cid'] });
    expect(assignmentNotice({ category: 'collaboration', type: 'collaborator_removed', data: { userId: 'cid' } })).toBeNull();
    expect(assignmentNotice({ category: 'status', type: 'closed', data: null })).toBeNull();
  });
});
