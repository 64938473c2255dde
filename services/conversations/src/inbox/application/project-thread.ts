import { Inject, Injectable } from '@nestjs/common';
import type { ThreadSnapshot } from '@omnibox/contracts';
import { isIncomingMessageUpdate } from '../domain/dots';
import { LightDots } from './light-dots';
import { SIDEBAR_ANNOUNCER, SidebarAnnouncer } from './ports';
import { ThreadProjection } from './thread-projection';

/**
 * A thread changed (`conversations.thread.updated`): its row and series follow it (lists lag writes by
 * the event delay), its open-count bucket too (INB-5), and an incoming message lights dots (INB-6).
 * When the counts moved every sidebar of the workspace may show other numbers, when only dots were lit
 * those users' sidebars do: the realtime hub is told once for both. The dots come from the thread
 * update rather than from `conversations.message.created`, so each incoming message is delivered to
 * the inbox once, not twice (issue #19).
 */
@Injectable()
export class ProjectThread {
  constructor(
    private readonly projection: ThreadProjection,
    private readonly lightDots: LightDots,
    @Inject(SIDEBAR_ANNOUNCER) private readonly announcer: SidebarAnnouncer,
  ) {}

  async execute(input: { workspaceId: string; eventId: string; occurredAt: string; thread: ThreadSnapshot; changed: readonly string[]; redelivered: boolean }): Promise<void> {
    const incoming = isIncomingMessageUpdate(input.changed, input.thread);
    const [moved, lit] = await Promise.all([
      this.projection.apply(input.workspaceId, input.thread),
      incoming ? this.lightDots.execute({ workspaceId: input.workspaceId, occurredAt: input.occurredAt, thread: input.thread, redelivered: input.redelivered }) : [],
    ]);
    // A redelivery announces again: the attempt before may have moved the counts and failed to announce.
    if (moved || input.redelivered) await this.announcer.changed(input.workspaceId, `${input.eventId}:counts`, 'everyone');
    else if (lit.length) await this.announcer.changed(input.workspaceId, `${input.eventId}:dots`, lit);
  }
}
