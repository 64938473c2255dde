import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, ContactDeleted } from '@omnibox/contracts';
import { forbidden, notFound } from '@omnibox/platform';
import { announce } from './announce';
import { CHANNEL_IDENTITIES, ChannelIdentityRepository, CONTACTS, ContactRepository } from './ports';
import { visibleContact } from './visible-contact';

/** Deleting a contact is an administrative act: owners and managers only. Its channel identities are freed. */
@Injectable()
export class DeleteContact {
  constructor(
    @Inject(CONTACTS) private readonly contacts: ContactRepository,
    @Inject(CHANNEL_IDENTITIES) private readonly identities: ChannelIdentityRepository,
  ) {}

  async execute(caller: CallerScope, id: string): Promise<void> {
    if (caller.role === 'agent') throw forbidden('Only owners and managers can delete contacts');
    await visibleContact(this.contacts, caller, id);
    const deleted = await this.contacts.markDeleted(caller.workspaceId, id, new Date(), [announce(ContactDeleted, caller, id, { contactId: id })]);
    if (!deleted) throw notFound('Contact');
    await this.identities.releaseAll(caller.workspaceId, id);
  }
}
