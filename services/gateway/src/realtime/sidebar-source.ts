import type { CallerScope } from '@omnibox/contracts';

/** What an `inbox.updated` frame carries: the user's sidebar counts and dots (API.md `GET /v1/inbox` without custom views). */
export interface SidebarFrameData {
  standard: Array<{ view: string; openCount: number; hasNew: boolean }>;
  teams: Array<{ view: string; teamId: string; name: string; openCount: number; hasNew: boolean }>;
  blocked: { view: 'blocked'; count: number } | null;
}

/**
 * Where the hub reads a user's sidebar when it may have changed. The inbox owns sidebars (the
 * conversations service); the gateway's inbox feature provides this port, so realtime never imports it.
 */
export interface SidebarSource {
  sidebarOf(caller: CallerScope): Promise<SidebarFrameData>;
}
export const SIDEBAR_SOURCE = Symbol('SidebarSource');
