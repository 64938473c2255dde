import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import type { CustomView } from '../domain/custom-views';
import { CustomViewChecks } from './custom-view-checks';

/** One custom view the caller may open (INB-3). */
@Injectable()
export class GetCustomView {
  constructor(private readonly checks: CustomViewChecks) {}

  execute(caller: CallerScope, id: string): Promise<CustomView> {
    return this.checks.visible(caller, id);
  }
}
