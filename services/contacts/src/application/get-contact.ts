import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import type { Contact } from '../domain/contact-details';
import { CONTACTS, ContactRepository } from './ports';
import { visibleContact } from './visible-contact';

/** A contact the caller may see (404 otherwise, VIS-4). */
@Injectable()
export class GetContact {
  constructor(@Inject(CONTACTS) private readonly contacts: ContactRepository) {}

  execute(caller: CallerScope, id: string): Promise<Contact> {
    return visibleContact(this.contacts, caller, id);
  }
}
