import { Actor, EventDraft, sourceOf, ThreadState, Transition } from './thread';

export type AssignCommand =
  | { mode: 'me' }
  | { mode: 'user'; userId: string; userTeamIds: string[] }
  | { mode: 'team'; teamId: string }
  | { mode: 'team_member'; teamId: string; userId: string }
  | { mode: 'round_robin'; teamId: string; userId: string }
  | { mode: 'unassign' };

export const ASSIGN_MODES = ['me', 'user', 'team', 'team_member', 'round_robin', 'unassign'] as const;
export type AssignMode = (typeof ASSIGN_MODES)[number];

/**
 * CNV-4. Assigning to a user keeps the team only if the user belongs to it; to a team's inbox sets
 * the team and clears the assignee; to a team member (or by round-robin) sets both; unassign clears
 * the assignee and keeps the team, so the thread lands in that team's Unassigned tab.
 */
export function assign(state: ThreadState, command: AssignCommand, actor: Actor, now: string): Transition {
  let assigneeId = state.assigneeId;
  let teamId = state.teamId;
  switch (command.mode) {
    case 'me':
      assigneeId = actor.id;
      if (teamId && !actor.teamIds.includes(teamId)) teamId = null;
      break;
    case 'user':
      assigneeId = command.userId;
      if (teamId && !command.userTeamIds.includes(teamId)) teamId = null;
      break;
    case 'team':
      assigneeId = null;
      teamId = command.teamId;
      break;
    case 'team_member':
    case 'round_robin':
      assigneeId = command.userId;
      teamId = command.teamId;
      break;
    case 'unassign':
      assigneeId = null;
      break;
  }
  const type = command.mode === 'unassign' ? 'unassigned' : 'assigned';
  const event: EventDraft = {
    category: command.mode === 'unassign' ? 'unassignment' : 'assignment',
    type,
    source: sourceOf(actor),
    actorId: actor.id,
    data: { mode: command.mode, assigneeId, teamId, previousAssigneeId: state.assigneeId, previousTeamId: state.teamId },
  };
  return { state: { ...state, assigneeId, teamId, updatedAt: now }, events: [event] };
}

/**
 * CNV-4 round-robin: the member whose turn it is, from a counter shared by every replica (taken
 * turns are 1, 2, 3 …), so concurrent assignments spread evenly. Null for a team without members.
 */
export function roundRobinPick(memberIds: string[], turn: number): string | null {
  const members = [...new Set(memberIds)].sort();
  return members.length ? members[(turn - 1) % members.length] : null;
}

/**
 * CNV-2: a user who replies to an unassigned thread becomes its owner; in a team-assigned thread, only
 * a member of that team does. API tokens and the platform never take ownership.
 */
export function takesOwnershipOnReply(state: ThreadState, actor: Actor): boolean {
  return actor.kind === 'user' && !state.assigneeId && (!state.teamId || actor.teamIds.includes(state.teamId));
}
