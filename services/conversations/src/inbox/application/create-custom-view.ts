import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { forbidden } from '@omnibox/platform';
import { CustomView, CustomViewSharing, mayCreateCustomView } from '../domain/custom-views';
import { CustomViewChecks } from './custom-view-checks';
import { CUSTOM_VIEWS, CustomViews } from './ports';

/** INB-3: a user saves an advanced filter as a custom view, optionally shared; it counts as refreshed by them. */
@Injectable()
export class CreateCustomView {
  constructor(
    private readonly checks: CustomViewChecks,
    @Inject(CUSTOM_VIEWS) private readonly views: CustomViews,
  ) {}

  async execute(caller: CallerScope, input: { name: string; filter: unknown; sharing: Partial<CustomViewSharing> | null }): Promise<CustomView> {
    if (!mayCreateCustomView(caller)) throw forbidden('Custom views belong to users; sign in as a user');
    const filter = this.checks.filter(input.filter);
    const sharing = await this.checks.sharing(caller.workspaceId, input.sharing);
    return this.views.create({ workspaceId: caller.workspaceId, name: input.name.trim(), filter, sharing, createdBy: caller.principalId, at: new Date() });
  }
}
