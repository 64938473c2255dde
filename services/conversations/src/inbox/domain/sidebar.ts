import type { CallerScope } from '@omnibox/contracts';
import { openCounter } from './counts';
import type { WorkspaceTeam } from '@omnibox/directory';
import { maySeeBlocked, standardViewsOf, teamViewsOf } from './inbox-views';

/** The counts and dots part of the sidebar (API.md `GET /v1/inbox` without its custom views). */
export interface SidebarCounts {
  standard: Array<{ view: string; openCount: number; hasNew: boolean }>;
  teams: Array<{ view: string; teamId: string; name: string; openCount: number; hasNew: boolean }>;
  blocked: { view: 'blocked'; count: number } | null;
}

/**
 * The sidebar of a caller: only the views they may open (INB-1, INB-2), their open counts (INB-5)
 * and dots (INB-6, `dots` maps a view to when it was lit), and the blocked view while there is a
 * blocked contact the caller may see, counting only those (INB-4, VIS-4: `visibleBlocked`).
 */
export function sidebarOf(caller: CallerScope, teams: WorkspaceTeam[], counts: Record<string, number>, dots: Record<string, string>, visibleBlocked: number): SidebarCounts {
  const memberIdsByTeam = new Map(teams.map((team) => [team.id, team.memberIds]));
  const members = (teamId: string) => memberIdsByTeam.get(teamId) ?? [];
  const me = caller.principalId;
  const openCount = openCounter(counts);
  const standard = standardViewsOf(caller).map((view) => ({ view, openCount: openCount({ kind: view }, me, members), hasNew: view in dots }));
  const open = teamViewsOf(
    caller,
    teams.map((team) => team.id),
  );
  const teamRows = teams
    .filter((team) => open.includes(team.id))
    .map((team) => ({ view: `team:${team.id}`, teamId: team.id, name: team.name, openCount: openCount({ kind: 'team', teamId: team.id }, me, members), hasNew: `team:${team.id}` in dots }));
  return { standard, teams: teamRows, blocked: maySeeBlocked(caller) && visibleBlocked > 0 ? { view: 'blocked', count: visibleBlocked } : null };
}
