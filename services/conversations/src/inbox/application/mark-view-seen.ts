import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { viewName } from '../domain/inbox-views';
import { NEW_MESSAGE_DOTS, NewMessageDots, SIDEBAR_ANNOUNCER, SidebarAnnouncer } from './ports';
import { ViewAccess } from './view-access';

/**
 * INB-6: opening (marking seen) a view clears its dot for the caller. Their sockets are told, so the
 * realtime hub's last pushed sidebar no longer shows the dot: otherwise the next message, which lights
 * it again, would look like no change to the hub and never reach the socket.
 */
@Injectable()
export class MarkViewSeen {
  constructor(
    private readonly access: ViewAccess,
    @Inject(NEW_MESSAGE_DOTS) private readonly dots: NewMessageDots,
    @Inject(SIDEBAR_ANNOUNCER) private readonly announcer: SidebarAnnouncer,
  ) {}

  async execute(caller: CallerScope, name: string): Promise<{ view: string; hasNew: false }> {
    const { view } = await this.access.open(caller, name);
    if (await this.dots.clear(caller.workspaceId, caller.principalId, viewName(view))) {
      await this.announcer.changed(caller.workspaceId, `seen:${randomUUID()}`, [caller.principalId]);
    }
    return { view: viewName(view), hasNew: false };
  }
}
