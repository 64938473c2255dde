import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, ConversationsDefinition } from '@omnibox/contracts';
import { CONFIG } from '@omnibox/platform';
import { CONVERSATIONS_CONTRACT, GrpcClient } from '@omnibox/rpc';
import type { Conversations } from '../../application/ports';
import type { CallsConfig } from '../../config';

/** The calls service's client of the conversations service (CAL-3's assignment). */
@Injectable()
export class ConversationsClient extends GrpcClient<ConversationsDefinition> {
  constructor(@Inject(CONFIG) config: CallsConfig) {
    super({ contract: CONVERSATIONS_CONTRACT, service: 'Conversations', url: config.CONVERSATIONS_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'conversations service' });
  }
}

/** The Conversations port over the conversations service's gRPC contract, as the agent who acted. */
@Injectable()
export class GrpcConversations implements Conversations {
  constructor(private readonly client: ConversationsClient) {}

  async assigneeOf(caller: CallerScope, contactId: string): Promise<string | null> {
    return (await this.client.call('GetConversation', { contactId }, caller)).assigneeId || null;
  }

  async assignToCaller(caller: CallerScope, contactId: string): Promise<void> {
    await this.client.call('Assign', { contactId, mode: 'me', userId: '', teamId: '', userTeamIds: [], memberIds: [] }, caller);
  }
}
