import { Inject, Injectable } from '@nestjs/common';
import type { AttachmentsDefinition } from '@omnibox/contracts';
import { CONFIG } from '@omnibox/platform';
import { CONVERSATIONS_CONTRACT, GrpcClient } from '@omnibox/rpc';
import type { GatewayConfig } from '../config';

/** The gateway's gRPC client of the conversations service's `Attachments` contract (MSG-10 records and who may read them). */
@Injectable()
export class AttachmentsClient extends GrpcClient<AttachmentsDefinition> {
  constructor(@Inject(CONFIG) config: GatewayConfig) {
    super({ contract: CONVERSATIONS_CONTRACT, service: 'Attachments', url: config.CONVERSATIONS_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'conversations service' });
  }
}
