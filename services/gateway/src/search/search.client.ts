import { Inject, Injectable } from '@nestjs/common';
import type { SearchDefinition } from '@omnibox/contracts';
import { CONFIG } from '@omnibox/platform';
import { GrpcClient, SEARCH_CONTRACT } from '@omnibox/rpc';
import type { GatewayConfig } from '../config';

/** The gateway's gRPC client of the search service. */
@Injectable()
export class SearchClient extends GrpcClient<SearchDefinition> {
  constructor(@Inject(CONFIG) config: GatewayConfig) {
    super({ contract: SEARCH_CONTRACT, service: 'Search', url: config.SEARCH_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'search service' });
  }
}
