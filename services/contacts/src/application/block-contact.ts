import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import type { Contact } from '../domain/contact-details';
import { CONTACTS, ContactRepository } from './ports';
import { setBlocked } from './set-blocked';

/** CNV-8 / CON-4: block a contact (announced once with `contacts.contact.blocked`). */
@Injectable()
export class BlockContact {
  constructor(@Inject(CONTACTS) private readonly contacts: ContactRepository) {}

  execute(caller: CallerScope, id: string): Promise<Contact> {
    return setBlocked(this.contacts, caller, id, true);
  }
}
