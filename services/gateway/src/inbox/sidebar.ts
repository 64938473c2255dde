import { CallerScope, openCount, standardViewsOf, teamViewsOf, WorkspaceTeam } from '@omnibox/contracts';

export interface SidebarCounts {
  standard: Array<{ view: string; openCount: number; hasNew: boolean }>;
  teams: Array<{ view: string; teamId: string; name: string; openCount: number; hasNew: boolean }>;
  blocked: { view: 'blocked'; count: number } | null;
}

/**
 * API.md `GET /v1/inbox` without the custom views: only the views the caller may open (INB-1, INB-2),
 * their open counts (INB-5) and dots (INB-6), and the blocked view while there is a blocked contact
 * and the caller may see blocked contacts (INB-4).
 */
export function sidebarOf(caller: CallerScope, teams: WorkspaceTeam[], counts: Record<string, number>, dots: Record<string, string>, blockedCount: number): SidebarCounts {
  const members = (teamId: string) => teams.find((team) => team.id === teamId)?.memberIds ?? [];
  const me = caller.principalId;
  const standard = standardViewsOf(caller).map((view) => ({ view, openCount: openCount({ kind: view }, counts, me, members), hasNew: view in dots }));
  const open = teamViewsOf(
    caller,
    teams.map((team) => team.id),
  );
  const teamRows = teams
    .filter((team) => open.includes(team.id))
    .map((team) => ({ view: `team:${team.id}`, teamId: team.id, name: team.name, openCount: openCount({ kind: 'team', teamId: team.id }, counts, me, members), hasNew: `team:${team.id}` in dots }));
  const blocked = (caller.kind === 'api' || caller.canViewBlocked) && blockedCount > 0 ? { view: 'blocked' as const, count: blockedCount } : null;
  return { standard, teams: teamRows, blocked };
}
