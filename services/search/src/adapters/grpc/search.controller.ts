import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CallerScope, SearchDefinition } from '@omnibox/contracts';
import { Caller, RpcHandlers, RpcMethod, RpcReceived } from '@omnibox/rpc';
import { RecentSearches } from '../../application/recent-searches';
import { SearchContacts } from '../../application/search-contacts';
import { SearchInThread } from '../../application/search-in-thread';
import { SearchMessages } from '../../application/search-messages';
import { contactMessage } from './contact-message';

type Received<M extends RpcMethod<SearchDefinition>> = RpcReceived<SearchDefinition, M>;

/** The gRPC face of the search service (libs/contracts/proto/search.proto): proto in, use case, proto out. */
@Controller()
export class SearchGrpcController implements RpcHandlers<SearchDefinition> {
  constructor(
    private readonly searchContactsCase: SearchContacts,
    private readonly searchMessagesCase: SearchMessages,
    private readonly searchInThreadCase: SearchInThread,
    private readonly recentSearchesCase: RecentSearches,
  ) {}

  @GrpcMethod('Search')
  async searchContacts(@Payload() request: Received<'SearchContacts'>, @Caller() caller: CallerScope) {
    const page = await this.searchContactsCase.execute(caller, request.q, request);
    return { items: page.items.map(contactMessage), nextCursor: page.nextCursor ?? undefined };
  }

  @GrpcMethod('Search')
  async searchMessages(@Payload() request: Received<'SearchMessages'>, @Caller() caller: CallerScope) {
    const page = await this.searchMessagesCase.execute(caller, request.q, request.scope, request);
    return { items: page.items, nextCursor: page.nextCursor ?? undefined };
  }

  @GrpcMethod('Search')
  async searchThread(@Payload() request: Received<'SearchThread'>, @Caller() caller: CallerScope) {
    const page = await this.searchInThreadCase.execute(caller, request.contactId, request.q, request);
    return { items: page.items, nextCursor: page.nextCursor ?? undefined };
  }

  @GrpcMethod('Search')
  async recentSearches(@Payload() _request: Received<'RecentSearches'>, @Caller() caller: CallerScope) {
    return { items: await this.recentSearchesCase.execute(caller) };
  }
}
