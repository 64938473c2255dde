import { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { CONFIG, ServiceConfig } from '@omnibox/platform';
import { withCaller } from '@omnibox/rpc';
import { SearchService } from './search.service';

/** The gRPC face of the search service (libs/contracts/proto/search.proto). */
@Controller()
export class SearchGrpcController {
  constructor(
    private readonly search: SearchService,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  private run<T>(metadata: Metadata, handler: Parameters<typeof withCaller<T>>[2]): Promise<T> {
    return withCaller(metadata, this.config.INTERNAL_SECRET, handler);
  }

  @GrpcMethod('Search', 'SearchContacts')
  contacts(request: { q: string; limit: number; cursor: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => {
      const page = await this.search.contacts(caller, request.q, { limit: request.limit, cursor: request.cursor });
      return { contactsJson: page.items.map((contact) => JSON.stringify(contact)), nextCursor: page.nextCursor };
    });
  }

  @GrpcMethod('Search', 'SearchMessages')
  messages(request: { q: string; scope: string; limit: number; cursor: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => this.search.messages(caller, request.q, request.scope, { limit: request.limit, cursor: request.cursor }));
  }

  @GrpcMethod('Search', 'SearchThread')
  thread(request: { contactId: string; q: string; limit: number; cursor: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => this.search.thread(caller, request.contactId, request.q, { limit: request.limit, cursor: request.cursor }));
  }

  @GrpcMethod('Search', 'RecentSearches')
  recent(_request: unknown, metadata: Metadata) {
    return this.run(metadata, async (caller) => ({ items: await this.search.recentSearches(caller) }));
  }
}
