import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { forbidden, invalidInput, notFound } from '@omnibox/platform';
import { CustomView, mayOpenCustomView } from '../domain/custom-views';
import { InboxView, knownTeamIds, mayOpenView, parseView, VIEW_NAMES } from '../domain/inbox-views';
import { CUSTOM_VIEWS, CustomViews, DIRECTORY, Directory } from './ports';
import { VisibleBlocked } from './visible-blocked';

/** A view the caller may open, with what listing it needs. */
export interface OpenedView {
  view: InboxView;
  /** Team views: the team's members (a thread assigned to one of them is in the view, INB-2). */
  memberIds: string[];
  custom: CustomView | null;
}

/**
 * The view named in a request, once the caller may open it: 400 when it is no view name, 403 when the
 * caller may not open it (INB-1, INB-2, INB-4, INB-3 sharing), 404 for a custom view that is not there.
 * Shared by the use cases that take a view name.
 */
@Injectable()
export class ViewAccess {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(CUSTOM_VIEWS) private readonly customViews: CustomViews,
    private readonly blocked: VisibleBlocked,
  ) {}

  async open(caller: CallerScope, name: string): Promise<OpenedView> {
    const view = parseView(name);
    if (!view) throw invalidInput('view', `must be ${VIEW_NAMES}`);
    if (view.kind === 'custom') {
      const custom = await this.customViews.find(caller.workspaceId, view.customId);
      if (!custom) throw notFound('Custom view');
      if (!mayOpenCustomView(caller, custom)) throw forbidden('This custom view is not shared with you');
      return { view, memberIds: [], custom };
    }
    // Only team views depend on the directory (which teams exist, who is in them).
    const team = view.kind === 'team' || view.kind === 'team_unassigned' ? view.teamId : null;
    const directory = team ? await this.directory.of(caller.workspaceId) : null;
    if (!mayOpenView(caller, view, directory ? knownTeamIds(directory, caller) : [])) {
      throw forbidden(`You may not open the view "${name}" (INB-1, INB-2, INB-4): open one the sidebar (GET /v1/inbox) offers you`);
    }
    // INB-4 with VIS-4: the blocked view is offered only while there is a blocked contact the caller may see.
    if (view.kind === 'blocked' && (await this.blocked.refuses(caller))) {
      throw forbidden('The blocked view is offered only while there is a blocked contact you may see (INB-4): open one the sidebar (GET /v1/inbox) offers you');
    }
    return { view, memberIds: view.kind === 'team' && directory ? directory.members(view.teamId) : [], custom: null };
  }
}
