import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, ContactCreated, CustomFieldValue } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { Contact, countryCodeOf, NewContactDetails, newContactDetails, snapshotOf } from '../domain/contact-details';
import { checkValues, isProblem } from '../domain/custom-fields';
import { accessOnCreate } from '../domain/visibility';
import { announce } from './announce';
import { CONTACTS, ContactRepository, CUSTOM_FIELDS, CustomFieldRepository, IdGenerator, IDS } from './ports';

export interface NewContact extends NewContactDetails {
  /** Custom-field key → value, checked against the workspace's definitions. */
  customFields?: Record<string, unknown>;
  assigneeId?: string;
  teamId?: string;
}

/** CON-1: create a contact from the inbox (announced with `contacts.contact.created`). */
@Injectable()
export class CreateContact {
  constructor(
    @Inject(CONTACTS) private readonly contacts: ContactRepository,
    @Inject(CUSTOM_FIELDS) private readonly fields: CustomFieldRepository,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  async execute(caller: CallerScope, input: NewContact): Promise<Contact> {
    const details = newContactDetails(input, await this.customFields(caller.workspaceId, input));
    if (isProblem(details)) throw invalidInput(details.field, details.message);
    const now = new Date();
    const contact: Contact = {
      ...details,
      id: this.ids.next(),
      workspaceId: caller.workspaceId,
      blocked: false,
      access: accessOnCreate(caller, input.assigneeId, input.teamId),
      createdAt: now,
      updatedAt: now,
    };
    await this.contacts.insert(contact, [announce(ContactCreated, caller, contact.id, { contact: snapshotOf(contact) })]);
    return contact;
  }

  /** The custom fields checked first; the definitions are read only when some are given. */
  private async customFields(workspaceId: string, input: NewContact): Promise<Record<string, CustomFieldValue>> {
    if (!input.customFields || Object.keys(input.customFields).length === 0) return {};
    const checked = checkValues(await this.fields.ofWorkspace(workspaceId), input.customFields, countryCodeOf(input.countryCode));
    if (isProblem(checked)) throw invalidInput(checked.field, checked.message);
    return checked.set;
  }
}
