import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import type { Contact } from '../domain/contact-details';
import { normaliseEmail, normalisePhone } from '../domain/identifiers';
import { canSeeContact } from '../domain/visibility';
import { CHANNEL_IDENTITIES, ChannelIdentityRepository, ContactMatch, CONTACTS, ContactRepository } from './ports';

export interface ContactLookup {
  phone?: string;
  email?: string;
  channelId?: string;
  externalId?: string;
}

const FOUND_AT_MOST = 50;

/** Exact lookup for integrations: normalised phone, case-insensitive e-mail, or a channel identity. */
@Injectable()
export class FindContacts {
  constructor(
    @Inject(CONTACTS) private readonly contacts: ContactRepository,
    @Inject(CHANNEL_IDENTITIES) private readonly identities: ChannelIdentityRepository,
  ) {}

  async execute(caller: CallerScope, lookup: ContactLookup): Promise<Contact[]> {
    const match = await this.matchOf(caller.workspaceId, lookup);
    if (!match) return [];
    const found = await this.contacts.liveMatching(caller.workspaceId, match, FOUND_AT_MOST);
    return found.filter((contact) => canSeeContact(caller, contact));
  }

  /** What to look for; null when a channel identity reaches no contact. */
  private async matchOf(workspaceId: string, lookup: ContactLookup): Promise<ContactMatch | null> {
    const given = (['phone', 'email', 'channelId'] as const).filter((key) => lookup[key]);
    if (given.length !== 1) throw invalidInput('phone', 'give exactly one of phone, email, or channelId with externalId');
    if (lookup.phone) return { phone: normalisePhone(lookup.phone, null) ?? refuse('phone', 'is not a phone number') };
    if (lookup.email) return { email: normaliseEmail(lookup.email) ?? refuse('email', 'is not an e-mail address') };
    if (!lookup.externalId) throw invalidInput('externalId', 'is required with channelId');
    const identity = await this.identities.find(workspaceId, lookup.channelId!, lookup.externalId);
    return identity ? { id: identity.contactId } : null;
  }
}

function refuse(field: string, message: string): never {
  throw invalidInput(field, message);
}
