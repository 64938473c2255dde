import type { Restriction, Role } from '../events/directory-events';
import type { CallerScope } from './caller';

/** What of a user decides what they may see. */
export interface UserAccess {
  id: string;
  workspaceId: string;
  role: Role;
  restriction: Restriction;
  canViewBlocked: boolean;
}

/** A team the user belongs to, with its members. */
export interface Membership {
  id: string;
  memberIds: string[];
}

/** The scope a signed-in user's calls carry to the services (VIS-1…3 are applied there). */
export function userScope(user: UserAccess, teams: Membership[]): CallerScope {
  // Only a `team`-restricted agent's visibility depends on who their teammates are (VIS-2).
  const teamMemberIds = user.restriction === 'team' && user.role === 'agent' ? [...new Set(teams.flatMap((team) => team.memberIds))] : [];
  return {
    workspaceId: user.workspaceId,
    principalId: user.id,
    kind: 'user',
    role: user.role,
    restriction: user.restriction,
    teamIds: teams.map((team) => team.id),
    teamMemberIds,
    canViewBlocked: user.canViewBlocked,
  };
}

/** An API token acts for its whole workspace like an unrestricted manager (API.md "Workspace and directory"). */
export function apiTokenScope(token: { id: string; workspaceId: string }): CallerScope {
  return {
    workspaceId: token.workspaceId,
    principalId: token.id,
    kind: 'api',
    role: 'manager',
    restriction: 'none',
    teamIds: [],
    teamMemberIds: [],
    canViewBlocked: true,
  };
}
