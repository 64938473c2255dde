import { Inject, Injectable } from '@nestjs/common';
import type { CallsDefinition } from '@omnibox/contracts';
import { CONFIG } from '@omnibox/platform';
import { CALLS_CONTRACT, GrpcClient } from '@omnibox/rpc';
import type { GatewayConfig } from '../config';

/** The gateway's gRPC client of the calls service (`Calls` contract). */
@Injectable()
export class CallsClient extends GrpcClient<CallsDefinition> {
  constructor(@Inject(CONFIG) config: GatewayConfig) {
    super({ contract: CALLS_CONTRACT, service: 'Calls', url: config.CALLS_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'calls service' });
  }
}
