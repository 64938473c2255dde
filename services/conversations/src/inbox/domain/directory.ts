import type { CallerScope, Restriction, Role } from '@omnibox/contracts';

/**
 * The workspace directory as the inbox needs it, kept from the gateway's `directory.*` events: every
 * user's visibility scope (for dots, INB-6) and the teams with their members (team views hold threads
 * of their members, INB-2; the sidebar lists them by name).
 */
export interface DirectoryUser {
  id: string;
  role: Role;
  restriction: Restriction;
  canViewBlocked: boolean;
}

/** A team of the workspace, as the sidebar lists it. */
export interface WorkspaceTeam {
  id: string;
  name: string;
  memberIds: string[];
}

export interface WorkspaceDirectory {
  /** Teams in sidebar order (by name). */
  teams: WorkspaceTeam[];
  /** Every user's visibility scope, as the gateway signs it for their calls. */
  users: CallerScope[];
  members(teamId: string): string[];
}

/** The directory of a workspace from its users and teams. */
export function workspaceDirectoryOf(workspaceId: string, users: DirectoryUser[], teams: WorkspaceTeam[]): WorkspaceDirectory {
  const sorted = [...teams].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const scopes: CallerScope[] = users.map((user) => {
    const mine = sorted.filter((team) => team.memberIds.includes(user.id));
    return {
      workspaceId,
      principalId: user.id,
      kind: 'user',
      role: user.role,
      restriction: user.restriction,
      teamIds: mine.map((team) => team.id),
      // VIS-2: a `team` agent sees threads assigned to a member of one of their teams.
      teamMemberIds: user.role === 'agent' && user.restriction === 'team' ? [...new Set(mine.flatMap((team) => team.memberIds))] : [],
      canViewBlocked: user.canViewBlocked,
    };
  });
  const byId = new Map(sorted.map((team) => [team.id, team.memberIds]));
  return { teams: sorted, users: scopes, members: (teamId) => byId.get(teamId) ?? [] };
}

/**
 * The team ids the caller's views are decided on: the workspace's, and the caller's own (their signed
 * scope is fresher than this read model, which follows the directory's events by a moment).
 */
export function knownTeamIds(directory: WorkspaceDirectory, caller: CallerScope): string[] {
  return [...new Set([...directory.teams.map((team) => team.id), ...caller.teamIds])];
}
