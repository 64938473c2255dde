import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { viewName } from '../domain/inbox-views';
import { NEW_MESSAGE_DOTS, NewMessageDots } from './ports';
import { ViewAccess } from './view-access';

/** INB-6: opening (marking seen) a view clears its dot for the caller. */
@Injectable()
export class MarkViewSeen {
  constructor(
    private readonly access: ViewAccess,
    @Inject(NEW_MESSAGE_DOTS) private readonly dots: NewMessageDots,
  ) {}

  async execute(caller: CallerScope, name: string): Promise<{ view: string; hasNew: false }> {
    const { view } = await this.access.open(caller, name);
    await this.dots.clear(caller.workspaceId, caller.principalId, viewName(view));
    return { view: viewName(view), hasNew: false };
  }
}
