import { Inject, Injectable } from '@nestjs/common';
import type { ConversationsDefinition } from '@omnibox/contracts';
import { CONFIG } from '@omnibox/platform';
import { CONVERSATIONS_CONTRACT, GrpcClient } from '@omnibox/rpc';
import type { GatewayConfig } from '../config';

/** The gateway's gRPC client of the conversations service (`Conversations` contract). */
@Injectable()
export class ConversationsClient extends GrpcClient<ConversationsDefinition> {
  constructor(@Inject(CONFIG) config: GatewayConfig) {
    super({ contract: CONVERSATIONS_CONTRACT, service: 'Conversations', url: config.CONVERSATIONS_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'conversations service' });
  }
}
