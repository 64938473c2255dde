import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import type { AdvancedFilter } from '../domain/custom-filter';
import type { CustomView, CustomViewSharing } from '../domain/custom-views';
import { CustomViewChecks } from './custom-view-checks';
import { CUSTOM_VIEWS, CustomViews } from './ports';

/** INB-3: the creator renames a custom view, or changes its filter or sharing; what is not given stays. */
@Injectable()
export class UpdateCustomView {
  constructor(
    private readonly checks: CustomViewChecks,
    @Inject(CUSTOM_VIEWS) private readonly views: CustomViews,
  ) {}

  async execute(caller: CallerScope, id: string, input: { name?: string; filter?: unknown; sharing?: Partial<CustomViewSharing> }): Promise<CustomView> {
    const view = await this.checks.own(caller, id);
    const changes: { name?: string; filter?: AdvancedFilter; sharing?: CustomViewSharing } = {};
    if (input.name !== undefined) changes.name = input.name.trim();
    if (input.filter !== undefined) changes.filter = this.checks.filter(input.filter);
    if (input.sharing !== undefined) changes.sharing = await this.checks.sharing(caller.workspaceId, input.sharing);
    return this.views.update(view, changes, new Date());
  }
}
