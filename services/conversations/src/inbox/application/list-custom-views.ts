import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { CustomView, customViewGroups } from '../domain/custom-views';
import { CUSTOM_VIEWS, CustomViews } from './ports';

/** INB-3: the custom views the caller may open, by name. */
@Injectable()
export class ListCustomViews {
  constructor(@Inject(CUSTOM_VIEWS) private readonly views: CustomViews) {}

  async execute(caller: CallerScope): Promise<CustomView[]> {
    return customViewGroups(caller, await this.views.ofWorkspace(caller.workspaceId)).all;
  }
}
