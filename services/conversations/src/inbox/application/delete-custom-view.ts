import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { CustomViewChecks } from './custom-view-checks';
import { CUSTOM_VIEWS, CustomViews } from './ports';

/** INB-3: the creator deletes a custom view. */
@Injectable()
export class DeleteCustomView {
  constructor(
    private readonly checks: CustomViewChecks,
    @Inject(CUSTOM_VIEWS) private readonly views: CustomViews,
  ) {}

  async execute(caller: CallerScope, id: string): Promise<{ id: string; deleted: true }> {
    const view = await this.checks.own(caller, id);
    await this.views.delete(view);
    return { id: view.id, deleted: true };
  }
}
