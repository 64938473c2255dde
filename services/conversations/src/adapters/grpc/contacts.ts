import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import type { ContactRecord, Contacts } from '../../application/ports';
import { ContactMessage, ContactsClient, threadContact } from './contacts.client';

const recordOf = (message: ContactMessage): ContactRecord => ({ contact: threadContact(message), assigneeId: message.assigneeId || null, teamId: message.teamId || null });

/** The contacts service over gRPC (its client is owned with the contacts contract). */
@Injectable()
export class GrpcContacts implements Contacts {
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

  async resolve(workspaceId: string, identity: Parameters<Contacts['resolve']>[1]): Promise<ContactRecord> {
    return recordOf((await this.client.resolve(workspaceId, identity)).contact);
  }
}
