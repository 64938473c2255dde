import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, ContactMessage__Output, ContactsDefinition } from '@omnibox/contracts';
import { CONFIG } from '@omnibox/platform';
import { CONTACTS_CONTRACT, GrpcClient, RpcRequest, systemCaller } from '@omnibox/rpc';
import type { ConversationsConfig } from '../../config';
import type { ThreadState } from '../../domain/thread';

/** A contact as the contacts service answers over gRPC (a detail it lacks is absent). */
export type ContactMessage = ContactMessage__Output;

export function threadContact(message: ContactMessage): ThreadState['contact'] {
  return {
    id: message.id,
    firstName: message.firstName,
    lastName: message.lastName || null,
    blocked: message.blocked,
    phone: message.phone || null,
    email: message.email || null,
  };
}

/** The conversations service's client of the contacts service (channel contacts, fresh block state). */
@Injectable()
export class ContactsClient extends GrpcClient<ContactsDefinition> {
  constructor(@Inject(CONFIG) config: ConversationsConfig) {
    super({ contract: CONTACTS_CONTRACT, service: 'Contacts', url: config.CONTACTS_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'contacts service' });
  }

  /** The contact as the caller may see it (404 when they may not). */
  get(caller: CallerScope, id: string): Promise<ContactMessage> {
    return this.call('GetContact', { id }, caller);
  }

  /** The contact behind a channel identity, created unassigned when first seen (CNV-1). */
  async resolve(workspaceId: string, request: RpcRequest<ContactsDefinition, 'ResolveChannelContact'>): Promise<{ contact: ContactMessage; created: boolean }> {
    const { contact, created } = await this.call('ResolveChannelContact', request, systemCaller(workspaceId, 'conversations'), 10_000);
    if (!contact) throw new Error('the contacts service resolved a channel identity to no contact');
    return { contact, created };
  }

  /** `resolve` for many identities of one workspace, each with its provider event's correlation id; answers in order. */
  async resolveMany(workspaceId: string, items: Array<{ identity: RpcRequest<ContactsDefinition, 'ResolveChannelContact'>; correlationId?: string }>): Promise<Array<{ contact: ContactMessage; created: boolean }>> {
    const { items: resolved } = await this.call('ResolveChannelContacts', { items }, systemCaller(workspaceId, 'conversations'), 10_000);
    return resolved.map(({ contact, created }) => {
      if (!contact) throw new Error('the contacts service resolved a channel identity to no contact');
      return { contact, created };
    });
  }

  /** Which of these ids are contacts of the workspace the caller may see. */
  async existing(caller: CallerScope, ids: string[]): Promise<string[]> {
    return (await this.call('ExistingContacts', { ids }, caller, 10_000)).ids;
  }

  getAsSystem(workspaceId: string, id: string): Promise<ContactMessage> {
    return this.get(systemCaller(workspaceId, 'conversations'), id);
  }
}
