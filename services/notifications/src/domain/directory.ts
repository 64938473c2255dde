import type { CallerScope, Restriction, Role } from '@omnibox/contracts';

/**
 * The workspace directory as notifications need it, kept from the gateway's `directory.*` events:
 * every user's visibility scope (who may see a thread, VIS-1…3) and name (titles name who acted), and
 * the teams with their members (team_assigned, team_message and missed calls go to a team's members).
 */
export interface DirectoryUser {
  id: string;
  name: string;
  role: Role;
  restriction: Restriction;
  canViewBlocked: boolean;
}

export interface DirectoryTeam {
  id: string;
  name: string;
  memberIds: string[];
}

export interface WorkspaceDirectory {
  /** A user's scope as the gateway signs it for their calls; null for a user not (yet) known. */
  scopeOf(userId: string): CallerScope | null;
  nameOf(userId: string | null): string | null;
  team(teamId: string | null): DirectoryTeam | null;
}

export function workspaceDirectoryOf(workspaceId: string, users: DirectoryUser[], teams: DirectoryTeam[]): WorkspaceDirectory {
  const byUser = new Map(users.map((user) => [user.id, user]));
  const byTeam = new Map(teams.map((team) => [team.id, team]));
  const scopes = new Map<string, CallerScope>();
  for (const user of users) {
    const mine = teams.filter((team) => team.memberIds.includes(user.id));
    scopes.set(user.id, {
      workspaceId,
      principalId: user.id,
      kind: 'user',
      role: user.role,
      restriction: user.restriction,
      teamIds: mine.map((team) => team.id),
      // VIS-2: a `team` agent sees threads assigned to a member of one of their teams.
      teamMemberIds: user.role === 'agent' && user.restriction === 'team' ? [...new Set(mine.flatMap((team) => team.memberIds))] : [],
      canViewBlocked: user.canViewBlocked,
    });
  }
  return {
    scopeOf: (userId) => scopes.get(userId) ?? null,
    nameOf: (userId) => (userId ? (byUser.get(userId)?.name ?? null) : null),
    team: (teamId) => (teamId ? (byTeam.get(teamId) ?? null) : null),
  };
}
