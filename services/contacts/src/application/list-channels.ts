import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, ChannelIdentityRef } from '@omnibox/contracts';
import { channelRef } from '../domain/channel-identity';
import { CHANNEL_IDENTITIES, ChannelIdentityRepository, CONTACTS, ContactRepository } from './ports';
import { visibleContact } from './visible-contact';

/** CON-4: the channels through which the contact is reachable, oldest first. */
@Injectable()
export class ListChannels {
  constructor(
    @Inject(CONTACTS) private readonly contacts: ContactRepository,
    @Inject(CHANNEL_IDENTITIES) private readonly identities: ChannelIdentityRepository,
  ) {}

  async execute(caller: CallerScope, contactId: string): Promise<ChannelIdentityRef[]> {
    await visibleContact(this.contacts, caller, contactId);
    return (await this.identities.ofContact(caller.workspaceId, contactId)).map(channelRef);
  }
}
