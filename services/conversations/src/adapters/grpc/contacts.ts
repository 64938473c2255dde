import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { Batcher, currentCorrelationId } from '@omnibox/platform';
import type { ChannelContactIdentity, ContactRecord, Contacts } from '../../application/ports';
import { ContactMessage, ContactsClient, threadContact } from './contacts.client';

const recordOf = (message: ContactMessage): ContactRecord => ({ contact: threadContact(message), assigneeId: message.assigneeId || null, teamId: message.teamId || null });

type Resolving = { identity: ChannelContactIdentity; correlationId?: string };

/** The contacts service over gRPC (its client is owned with the contacts contract). */
@Injectable()
export class GrpcContacts implements Contacts {
  /**
   * First messages of one workspace that arrive together are resolved in one call (ResolveChannelContacts),
   * which the contacts service answers with a few writes for all of them (issue #19).
   */
  private readonly resolving = new Batcher<Resolving, ContactRecord & { created: boolean }>(
    async (workspaceId, items) => (await this.client.resolveMany(workspaceId, items)).map(({ contact, created }) => ({ ...recordOf(contact), created })),
    100,
    // Two calls out at a time, not four (issue #19): under a steady stream of new contacts the batches
    // double in size, and each costs the contacts service five FerretDB commands whatever its size.
    2,
  );

  constructor(private readonly client: ContactsClient) {}

  async get(caller: CallerScope, contactId: string): Promise<ContactRecord> {
    return recordOf(await this.client.get(caller, contactId));
  }

  async getAsSystem(workspaceId: string, contactId: string): Promise<ContactRecord> {
    return recordOf(await this.client.getAsSystem(workspaceId, contactId));
  }

  existing(caller: CallerScope, contactIds: string[]): Promise<string[]> {
    return this.client.existing(caller, contactIds);
  }

  resolve(workspaceId: string, identity: ChannelContactIdentity): Promise<ContactRecord & { created: boolean }> {
    return this.resolving.request(workspaceId, { identity, correlationId: currentCorrelationId() });
  }
}
