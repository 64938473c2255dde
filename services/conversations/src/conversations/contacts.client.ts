import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { CONFIG } from '@omnibox/platform';
import { CONTACTS_CONTRACT, GrpcClient, systemCaller } from '@omnibox/rpc';
import type { ConversationsConfig } from '../config';
import type { ThreadState } from '../domain/thread';

/** A contact as the contacts service answers over gRPC (empty strings are absent values). */
export interface ContactMessage {
  id: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  blocked: boolean;
  assigneeId: string;
  teamId: string;
}

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
export class ContactsClient implements OnModuleDestroy {
  private readonly client: GrpcClient;

  constructor(@Inject(CONFIG) config: ConversationsConfig) {
    this.client = new GrpcClient({ contract: CONTACTS_CONTRACT, service: 'Contacts', url: config.CONTACTS_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'contacts service' });
  }

  /** The contact as the caller may see it (404 when they may not). */
  get(caller: CallerScope, id: string): Promise<ContactMessage> {
    return this.client.callUntyped<ContactMessage>('GetContact', { id }, caller);
  }

  /** The contact behind a channel identity, created unassigned when first seen (CNV-1). */
  resolve(
    workspaceId: string,
    request: { channelId: string; channelType: string; externalId: string; firstName?: string; lastName?: string; phone?: string; email?: string },
  ): Promise<{ contact: ContactMessage; created: boolean }> {
    return this.client.callUntyped('ResolveChannelContact', request, systemCaller(workspaceId, 'conversations'), 10_000);
  }

  getAsSystem(workspaceId: string, id: string): Promise<ContactMessage> {
    return this.get(systemCaller(workspaceId, 'conversations'), id);
  }

  onModuleDestroy() {
    this.client.close();
  }
}
