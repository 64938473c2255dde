import { CallerScope, Restriction, Role, userScope } from '@omnibox/contracts';

/** A workspace user as read models need them: what decides what they may see. */
export interface DirectoryUser {
  id: string;
  /** First and last name, for what names who acted (notification titles). */
  name?: string;
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
  /** A user's scope as the gateway signs it for their calls; undefined for a user not (yet) known. */
  user(userId: string): CallerScope | undefined;
  nameOf(userId: string | null): string | null;
  team(teamId: string | null): WorkspaceTeam | null;
}

/** The directory of a workspace from its users and teams. */
export function workspaceDirectoryOf(workspaceId: string, users: DirectoryUser[], teams: WorkspaceTeam[]): WorkspaceDirectory {
  const sorted = [...teams].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const scopes = users.map((user) => userScope({ ...user, workspaceId }, sorted.filter((team) => team.memberIds.includes(user.id))));
  const teamsById = new Map(sorted.map((team) => [team.id, team]));
  const usersById = new Map(scopes.map((scope) => [scope.principalId, scope]));
  const names = new Map(users.map((user) => [user.id, user.name ?? null]));
  return {
    teams: sorted,
    users: scopes,
    members: (teamId) => teamsById.get(teamId)?.memberIds ?? [],
    user: (userId) => usersById.get(userId),
    nameOf: (userId) => (userId ? (names.get(userId) ?? null) : null),
    team: (teamId) => (teamId ? (teamsById.get(teamId) ?? null) : null),
  };
}
