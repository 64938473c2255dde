import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import type { Contact } from '../domain/contact-details';
import { canSeeContact } from '../domain/visibility';
import { CONTACTS, ContactRepository } from './ports';
import { visibleContact } from './visible-contact';

const SUGGESTED_AT_MOST = 50;

/** CON-3: visible contacts sharing this one's phone number or e-mail, oldest first. */
@Injectable()
export class MergeSuggestions {
  constructor(@Inject(CONTACTS) private readonly contacts: ContactRepository) {}

  async execute(caller: CallerScope, id: string): Promise<Contact[]> {
    const contact = await visibleContact(this.contacts, caller, id);
    if (!contact.phone && !contact.email) return [];
    const sharing = await this.contacts.sharingIdentity(caller.workspaceId, id, contact, SUGGESTED_AT_MOST);
    return sharing.filter((other) => canSeeContact(caller, other));
  }
}
