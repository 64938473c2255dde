import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { CUSTOM_FIELDS, CustomField, CustomFieldRepository } from './ports';

/** CON-2: the workspace's custom-field definitions, oldest first (every role may read them). */
@Injectable()
export class ListCustomFields {
  constructor(@Inject(CUSTOM_FIELDS) private readonly fields: CustomFieldRepository) {}

  execute(caller: CallerScope): Promise<CustomField[]> {
    return this.fields.ofWorkspace(caller.workspaceId);
  }
}
