import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import type { Contact } from '../domain/contact-details';
import { CONTACTS, ContactRepository } from './ports';
import { setBlocked } from './set-blocked';

/** CNV-8 / CON-4: unblock a contact (announced once with `contacts.contact.unblocked`). */
@Injectable()
export class UnblockContact {
  constructor(@Inject(CONTACTS) private readonly contacts: ContactRepository) {}

  execute(caller: CallerScope, id: string): Promise<Contact> {
    return setBlocked(this.contacts, caller, id, false);
  }
}
