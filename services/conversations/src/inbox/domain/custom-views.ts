import type { CallerScope } from '@omnibox/contracts';
import type { AdvancedFilter } from './custom-filter';

/**
 * Custom views (INB-3): a saved advanced filter (FLT-5), created by a user and optionally shared with
 * users, teams or everyone. The caller's visibility still applies inside it (list-rules.ts); they are
 * refreshed on request, never pushed (INB-8).
 */
export interface CustomViewSharing {
  everyone: boolean;
  userIds: string[];
  teamIds: string[];
}

export interface CustomView {
  id: string;
  workspaceId: string;
  name: string;
  filter: AdvancedFilter;
  sharing: CustomViewSharing;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** userId → when that user last refreshed the view (INB-8: custom views are refreshed on request). */
  refreshedAt: Record<string, string>;
}

export const NOT_SHARED: CustomViewSharing = { everyone: false, userIds: [], teamIds: [] };

/** INB-3: the creator, everyone it is shared with (by user, by team, or with everyone). */
export function mayOpenCustomView(caller: CallerScope, view: { createdBy: string; sharing: Partial<CustomViewSharing> }): boolean {
  if (view.createdBy === caller.principalId) return true;
  const sharing = view.sharing ?? {};
  if (sharing.everyone) return true;
  if ((sharing.userIds ?? []).includes(caller.principalId)) return true;
  return (sharing.teamIds ?? []).some((teamId) => caller.teamIds.includes(teamId));
}

/** INB-3: custom views belong to users; an API token creates none. */
export const mayCreateCustomView = (caller: CallerScope): boolean => caller.kind === 'user';

/** INB-3: only the creator changes or deletes a view. */
export const mayChangeCustomView = (caller: CallerScope, view: CustomView): boolean => view.createdBy === caller.principalId;

/** Sharing as saved: each user and team once. */
export function sharingOf(input: Partial<CustomViewSharing> | null | undefined): CustomViewSharing {
  return { everyone: input?.everyone === true, userIds: [...new Set(input?.userIds ?? [])], teamIds: [...new Set(input?.teamIds ?? [])] };
}

/** INB-3: the views the caller may open, by name, in the three groups the sidebar lists. */
export function customViewGroups(caller: CallerScope, views: CustomView[]): { all: CustomView[]; byMe: CustomView[]; byOthers: CustomView[] } {
  const all = views.filter((view) => mayOpenCustomView(caller, view)).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { all, byMe: all.filter((view) => view.createdBy === caller.principalId), byOthers: all.filter((view) => view.createdBy !== caller.principalId) };
}

/** INB-8: when this user last refreshed the view (null: never; their first open counts as one). */
export const lastRefreshedAt = (view: CustomView, userId: string): string | null => view.refreshedAt[userId] ?? null;
