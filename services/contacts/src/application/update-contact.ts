import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, ContactUpdated } from '@omnibox/contracts';
import { invalidInput, notFound } from '@omnibox/platform';
import { applyEdit, Contact, ContactEdit, countryCodeAfter, DetailChanges, detailEdit, snapshotOf } from '../domain/contact-details';
import { checkValues, isProblem } from '../domain/custom-fields';
import { announce } from './announce';
import { CONTACTS, ContactRepository, CUSTOM_FIELDS, CustomFieldRepository } from './ports';
import { visibleContact } from './visible-contact';

export interface ContactChanges extends DetailChanges {
  /** Custom-field key → value to set; `null` removes the key. */
  customFields?: Record<string, unknown>;
}

/** CON-2: edit details and custom fields; `clear` empties optional details. Announced with what changed. */
@Injectable()
export class UpdateContact {
  constructor(
    @Inject(CONTACTS) private readonly contacts: ContactRepository,
    @Inject(CUSTOM_FIELDS) private readonly fields: CustomFieldRepository,
  ) {}

  async execute(caller: CallerScope, id: string, changes: ContactChanges): Promise<Contact> {
    const current = await visibleContact(this.contacts, caller, id);
    const details = detailEdit(current, changes);
    if (isProblem(details)) throw invalidInput(details.field, details.message);
    const edit: ContactEdit = { ...details, customFields: { set: {}, removed: [] } };
    if (changes.customFields && Object.keys(changes.customFields).length > 0) {
      const checked = checkValues(await this.fields.ofWorkspace(caller.workspaceId), changes.customFields, countryCodeAfter(current, changes));
      if (isProblem(checked)) throw invalidInput(checked.field, checked.message);
      edit.customFields = checked;
      edit.changed = [...edit.changed, 'customFields'];
    }
    if (edit.changed.length === 0) return current;
    const at = new Date();
    const event = announce(ContactUpdated, caller, id, { contact: snapshotOf(applyEdit(current, edit, at)), changed: edit.changed });
    const updated = await this.contacts.edit(caller.workspaceId, id, edit, at, [event]);
    if (!updated) throw notFound('Contact');
    return updated;
  }
}
