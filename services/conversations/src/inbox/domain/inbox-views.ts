import type { WorkspaceDirectory } from '@omnibox/directory';
import type { CallerScope } from '@omnibox/contracts';

/**
 * Inbox views (INB-1, INB-2, INB-4). This service owns these rules; the pure part is published as a
 * shared kernel in libs/contracts (`@omnibox/contracts` inbox/views.ts) because the calls service's
 * call log per view (CAL-4) follows the same rules. It is re-exported here so the inbox reads it from
 * its own domain. Custom views (INB-3) are in custom-views.ts, dots (INB-6) in dots.ts, counts (INB-5)
 * in counts.ts.
 */
export {
  STANDARD_VIEWS,
  VIEW_NAMES,
  mayOpenView,
  maySeeBlocked,
  parseView,
  placementOf,
  standardViewsOf,
  teamViewsOf,
  viewHoldsThread,
  viewName,
} from '@omnibox/contracts';
export type { InboxView, StandardView, TeamMembers, ThreadPlacement } from '@omnibox/contracts';

/**
 * The team ids the caller's views are decided on: the workspace's, and the caller's own (their signed
 * scope is fresher than this read model, which follows the directory's events by a moment).
 */
export function knownTeamIds(directory: WorkspaceDirectory, caller: CallerScope): string[] {
  return [...new Set([...directory.teams.map((team) => team.id), ...caller.teamIds])];
}
