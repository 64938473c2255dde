import type { TimelineEventSnapshot } from '@omnibox/contracts';
import type { Notice } from './recipients';

/**
 * CNV-4 / CNV-5 from the timeline event every assignment writes: assigned to a user (by someone, a
 * rule, round-robin or a call) notifies them; to a team's inbox with no owner (or unassigned while
 * the team stays) notifies the team's members; made a collaborator notifies that user. An assignment
 * that changed nothing notifies nobody.
 */
export function assignmentNotice(event: Pick<TimelineEventSnapshot, 'category' | 'type' | 'data'>): Notice<'assigned' | 'team_assigned' | 'collaborator_added'> | null {
  const data = event.data ?? {};
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
  const [assigneeId, teamId, previousAssigneeId, previousTeamId] = [text('assigneeId'), text('teamId'), text('previousAssigneeId'), text('previousTeamId')];
  if (event.category === 'assignment' && event.type === 'assigned') {
    if (assigneeId) return assigneeId === previousAssigneeId ? null : { kind: 'assigned', userIds: [assigneeId] };
    if (teamId) return teamId === previousTeamId && previousAssigneeId === null ? null : { kind: 'team_assigned', teamId };
  }
  // Unassigning keeps the team: the thread is back in the team's inbox with no owner.
  if (event.category === 'unassignment' && teamId && previousAssigneeId) return { kind: 'team_assigned', teamId };
  if (event.category === 'collaboration' && event.type === 'collaborator_added') {
    const userId = text('userId');
    if (userId) return { kind: 'collaborator_added', userIds: [userId] };
  }
  return null;
}
