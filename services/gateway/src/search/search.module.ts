import { Module } from '@nestjs/common';
import { SearchClient } from './search.client';
import { SearchController } from './search.controller';

/** API.md "Search" in the gateway: a thin translation onto the search service's gRPC contract. */
@Module({ controllers: [SearchController], providers: [SearchClient] })
export class SearchGatewayModule {}
