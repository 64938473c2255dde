import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { CustomView, customViewGroups } from '../domain/custom-views';
import { sidebarOf, SidebarCounts } from '../domain/sidebar';
import { CUSTOM_VIEWS, CustomViews, DIRECTORY, Directory, NEW_MESSAGE_DOTS, NewMessageDots, OPEN_COUNTS, OpenCounts } from './ports';
import { VisibleBlocked } from './visible-blocked';

export interface Sidebar extends SidebarCounts {
  /** INB-3's three groups; null when not asked for (realtime pushes carry counts and dots only). */
  custom: { all: CustomView[]; byMe: CustomView[]; byOthers: CustomView[] } | null;
}

/**
 * API.md `GET /v1/inbox`: the views the caller may open with their open counts and dots, the blocked
 * view, and the custom views they see. Read from incrementally kept state, never by reading threads.
 */
@Injectable()
export class GetSidebar {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(OPEN_COUNTS) private readonly counts: OpenCounts,
    @Inject(NEW_MESSAGE_DOTS) private readonly dots: NewMessageDots,
    @Inject(CUSTOM_VIEWS) private readonly customViews: CustomViews,
    private readonly blocked: VisibleBlocked,
  ) {}

  async execute(caller: CallerScope, options: { withCustomViews: boolean }): Promise<Sidebar> {
    const workspaceId = caller.workspaceId;
    const [directory, counts, dots, views] = await Promise.all([
      this.directory.of(workspaceId),
      this.counts.of(workspaceId),
      this.dots.of(workspaceId, caller.principalId),
      options.withCustomViews ? this.customViews.ofWorkspace(workspaceId) : null,
    ]);
    const visibleBlocked = await this.blocked.count(caller, counts);
    return { ...sidebarOf(caller, directory.teams, counts, dots, visibleBlocked), custom: views ? customViewGroups(caller, views) : null };
  }
}
