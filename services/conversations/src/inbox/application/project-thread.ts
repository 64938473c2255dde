import { Inject, Injectable } from '@nestjs/common';
import type { ThreadSnapshot } from '@omnibox/contracts';
import { SIDEBAR_ANNOUNCER, SidebarAnnouncer } from './ports';
import { ThreadProjection } from './thread-projection';

/**
 * A thread changed (`conversations.thread.updated`): its row and series follow it (lists lag writes by
 * the event delay), its open-count bucket too (INB-5), and when the counts moved every sidebar of the
 * workspace may show other numbers, so the realtime hub is told.
 */
@Injectable()
export class ProjectThread {
  constructor(
    private readonly projection: ThreadProjection,
    @Inject(SIDEBAR_ANNOUNCER) private readonly announcer: SidebarAnnouncer,
  ) {}

  async execute(input: { workspaceId: string; eventId: string; thread: ThreadSnapshot; redelivered: boolean }): Promise<void> {
    const moved = await this.projection.apply(input.workspaceId, input.thread);
    // A redelivery announces again: the attempt before may have moved the counts and failed to announce.
    if (moved || input.redelivered) await this.announcer.changed(input.workspaceId, `${input.eventId}:counts`, 'everyone');
  }
}
