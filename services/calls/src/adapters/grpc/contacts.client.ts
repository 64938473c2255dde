import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, ContactMessage__Output, ContactsDefinition } from '@omnibox/contracts';
import { Batcher, CONFIG, currentCorrelationId } from '@omnibox/platform';
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

type Identity = Parameters<Contacts['resolve']>[1];

/** The Contacts port over the contacts service's gRPC contract. */
@Injectable()
export class GrpcContacts implements Contacts {
  /**
   * First calls of one workspace that arrive together are resolved in one ResolveChannelContacts, which
   * the contacts service answers with a few writes for all of them (measured: ~8 engine commands per
   * new contact one at a time; as conversations' ingest does, issue #19).
   */
  private readonly resolving = new Batcher<{ identity: Identity; correlationId?: string }, ContactRecord>(
    async (workspaceId, items) => {
      const { items: resolved } = await this.client.call('ResolveChannelContacts', { items }, systemCaller(workspaceId, 'calls'), 10_000);
      return resolved.map(({ contact }) => {
        if (!contact) throw new Error('the contacts service resolved a channel identity to no contact');
        return recordOf(contact);
      });
    },
    100,
    4,
  );

  constructor(private readonly client: ContactsClient) {}

  async visible(caller: CallerScope, contactId: string): Promise<ContactRecord> {
    return recordOf(await this.client.call('GetContact', { id: contactId }, caller));
  }

  resolve(workspaceId: string, identity: Identity): Promise<ContactRecord> {
    return this.resolving.request(workspaceId, { identity, correlationId: currentCorrelationId() });
  }

  async identities(workspaceId: string, contactId: string): Promise<Array<{ channelId: string; externalId: string }>> {
    const list = await this.client.call('ListChannels', { id: contactId }, systemCaller(workspaceId, 'calls'));
    return list.items.map((item) => ({ channelId: item.channelId, externalId: item.externalId }));
  }
}
