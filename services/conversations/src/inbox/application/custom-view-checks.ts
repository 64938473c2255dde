import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { forbidden, invalidInput, notFound } from '@omnibox/platform';
import { AdvancedFilter, filterProblem } from '../domain/custom-filter';
import { CustomView, CustomViewSharing, mayChangeCustomView, mayOpenCustomView, sharingOf } from '../domain/custom-views';
import { CUSTOM_VIEWS, CustomViews, DIRECTORY, Directory } from './ports';

/** What the custom-view use cases check before they act (INB-3, FLT-5), with API.md's errors. */
@Injectable()
export class CustomViewChecks {
  constructor(
    @Inject(CUSTOM_VIEWS) private readonly views: CustomViews,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  /** A view the caller may open (404 otherwise: one not shared with them is not there for them). */
  async visible(caller: CallerScope, id: string): Promise<CustomView> {
    const view = await this.views.find(caller.workspaceId, id);
    if (!view || !mayOpenCustomView(caller, view)) throw notFound('Custom view');
    return view;
  }

  /** Only the creator changes or deletes a view (403 for anyone else who can see it, 404 for the rest). */
  async own(caller: CallerScope, id: string): Promise<CustomView> {
    const view = await this.visible(caller, id);
    if (!mayChangeCustomView(caller, view)) throw forbidden('Only the creator of a custom view may change or delete it (INB-3)');
    return view;
  }

  /** FLT-5: a filter that can be saved (400 naming the first field to fix). */
  filter(filter: unknown): AdvancedFilter {
    const problem = filterProblem(filter);
    if (problem) throw invalidInput(problem.field, problem.message);
    return filter as AdvancedFilter;
  }

  /** Sharing with users and teams of this workspace only. */
  async sharing(workspaceId: string, input: Partial<CustomViewSharing> | null): Promise<CustomViewSharing> {
    const sharing = sharingOf(input);
    if (!sharing.userIds.length && !sharing.teamIds.length) return sharing;
    const directory = await this.directory.of(workspaceId);
    const users = new Set(directory.users.map((user) => user.principalId));
    if (sharing.userIds.some((id) => !users.has(id))) throw invalidInput('sharing.userIds', 'must be users of this workspace');
    const teams = new Set(directory.teams.map((team) => team.id));
    if (sharing.teamIds.some((id) => !teams.has(id))) throw invalidInput('sharing.teamIds', 'must be teams of this workspace');
    return sharing;
  }
}
