import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { canSeeContact } from '../domain/visibility';
import { CONTACTS, ContactRepository } from './ports';

const AT_MOST = 10_000;

/** Which of these ids are live contacts of the caller's workspace that the caller may see (VIS-4). */
@Injectable()
export class ExistingContacts {
  constructor(@Inject(CONTACTS) private readonly contacts: ContactRepository) {}

  async execute(caller: CallerScope, ids: string[]): Promise<string[]> {
    if (ids.length > AT_MOST) throw invalidInput('ids', `must name at most ${AT_MOST} contacts`);
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const found = await this.contacts.liveAmong(caller.workspaceId, unique);
    return found.filter((contact) => canSeeContact(caller, contact)).map((contact) => contact.id);
  }
}
