import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { conflict, forbidden, invalidInput } from '@omnibox/platform';
import { checkDefinition, isProblem } from '../domain/custom-fields';
import { CUSTOM_FIELDS, CustomField, CustomFieldRepository } from './ports';

/** CON-2: a workspace-level definition of a typed custom field (owners and managers); keys are unique. */
@Injectable()
export class DefineCustomField {
  constructor(@Inject(CUSTOM_FIELDS) private readonly fields: CustomFieldRepository) {}

  async execute(caller: CallerScope, input: { key: string; name: string; type: string; options?: string[] }): Promise<CustomField> {
    if (caller.role === 'agent') throw forbidden('Only owners and managers can define custom fields');
    const checked = checkDefinition(input);
    if (isProblem(checked)) throw invalidInput(checked.field, checked.message);
    const field: CustomField = { ...checked, workspaceId: caller.workspaceId, createdAt: new Date() };
    if (!(await this.fields.add(field))) throw conflict(`A custom field with key "${checked.key}" already exists`, 'custom_field_exists', { field: 'key' });
    return field;
  }
}
