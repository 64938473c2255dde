import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, ContactMessage__Output, ContactsDefinition } from '@omnibox/contracts';
import { CONFIG } from '@omnibox/platform';
import { CONTACTS_CONTRACT, GrpcClient, systemCaller } from '@omnibox/rpc';
import type { ContactRecord, Contacts } from '../../application/ports';
import type { CallsConfig } from '../../config';

const recordOf = (message: ContactMessage__Output): ContactRecord => ({
  contact: { id: message.id, firstName: message.firstName, lastName: message.lastName || null, phone: message.phone || null },
  blocked: message.blocked,
  assigneeId: message.assigneeId || null,
  teamId: message.teamId || null,
});

/** The calls service's client of the contacts service. */
@Injectable()
export class ContactsClient extends GrpcClient<ContactsDefinition> {
  constructor(@Inject(CONFIG) config: CallsConfig) {
    super({ contract: CONTACTS_CONTRACT, service: 'Contacts', url: config.CONTACTS_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'contacts service' });
  }
}

/** The Contacts port over the contacts service's gRPC contract. */
@Injectable()
export class GrpcContacts implements Contacts {
  constructor(private readonly client: ContactsClient) {}

  async visible(caller: CallerScope, contactId: string): Promise<ContactRecord> {
    return recordOf(await this.client.call('GetContact', { id: contactId }, caller));
  }

  async resolve(workspaceId: string, identity: Parameters<Contacts['resolve']>[1]): Promise<ContactRecord> {
    const { contact } = await this.client.call('ResolveChannelContact', identity, systemCaller(workspaceId, 'calls'), 10_000);
    if (!contact) throw new Error('the contacts service resolved a channel identity to no contact');
    return recordOf(contact);
  }

  async identities(workspaceId: string, contactId: string): Promise<Array<{ channelId: string; externalId: string }>> {
    const list = await this.client.call('ListChannels', { id: contactId }, systemCaller(workspaceId, 'calls'));
    return list.items.map((item) => ({ channelId: item.channelId, externalId: item.externalId }));
  }
}
