import { CallerScope, Restriction, Role, userScope } from '@omnibox/contracts';

/** A workspace user as read models need them: what decides what they may see. */
export interface DirectoryUser {
  id: string;
  role: Role;
  restriction: Restriction;
  canViewBlocked: boolean;
}

/** A team of the workspace with its members. */
export interface WorkspaceTeam {
  id: string;
  name: string;
  memberIds: string[];
}

/**
 * The workspace directory as the services that need it keep it from the gateway's `directory.*`
 * events: every user's visibility scope, built by the same rule the gateway signs callers with
 * (`userScope`), and the teams with their members.
 */
export interface WorkspaceDirectory {
  /** Teams by name (sidebar order). */
  teams: WorkspaceTeam[];
  /** Every user's visibility scope, as the gateway signs it for their calls. */
  users: CallerScope[];
  members(teamId: string): string[];
  user(userId: string): CallerScope | undefined;
}

/** The directory of a workspace from its users and teams. */
export function workspaceDirectoryOf(workspaceId: string, users: DirectoryUser[], teams: WorkspaceTeam[]): WorkspaceDirectory {
  const sorted = [...teams].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const scopes = users.map((user) => userScope({ ...user, workspaceId }, sorted.filter((team) => team.memberIds.includes(user.id))));
  const teamsById = new Map(sorted.map((team) => [team.id, team.memberIds]));
  const usersById = new Map(scopes.map((scope) => [scope.principalId, scope]));
  return { teams: sorted, users: scopes, members: (teamId) => teamsById.get(teamId) ?? [], user: (userId) => usersById.get(userId) };
}
