import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { CustomViewChecks } from './custom-view-checks';
import { CUSTOM_VIEWS, CustomViews } from './ports';

/** INB-8: custom views are not pushed; a user refreshes one and it reports when (per user). */
@Injectable()
export class RefreshCustomView {
  constructor(
    private readonly checks: CustomViewChecks,
    @Inject(CUSTOM_VIEWS) private readonly views: CustomViews,
  ) {}

  async execute(caller: CallerScope, id: string): Promise<{ lastRefreshedAt: string }> {
    const view = await this.checks.visible(caller, id);
    const lastRefreshedAt = new Date().toISOString();
    await this.views.markRefreshed(view, caller.principalId, lastRefreshedAt);
    return { lastRefreshedAt };
  }
}
