import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import type { SidebarFrameData, SidebarSource } from '../realtime/sidebar-source';
import { InboxClient } from './inbox.client';
import { sidebarCountsView } from './inbox.mappers';

/** The realtime hub's sidebars, read from the inbox (counts and dots only: custom views are not pushed, INB-8). */
@Injectable()
export class InboxSidebars implements SidebarSource {
  constructor(private readonly inbox: InboxClient) {}

  async sidebarOf(caller: CallerScope): Promise<SidebarFrameData> {
    return sidebarCountsView(await this.inbox.call('GetSidebar', { withCustomViews: false }, caller));
  }
}
