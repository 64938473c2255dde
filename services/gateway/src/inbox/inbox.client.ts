import { Inject, Injectable } from '@nestjs/common';
import type { InboxDefinition } from '@omnibox/contracts';
import { CONFIG } from '@omnibox/platform';
import { GrpcClient, INBOX_CONTRACT } from '@omnibox/rpc';
import type { GatewayConfig } from '../config';

/** The gateway's gRPC client of the inbox (served by the conversations service). */
@Injectable()
export class InboxClient extends GrpcClient<InboxDefinition> {
  constructor(@Inject(CONFIG) config: GatewayConfig) {
    super({ contract: INBOX_CONTRACT, service: 'Inbox', url: config.CONVERSATIONS_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'conversations service' });
  }
}
