import { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { CONFIG, ServiceConfig } from '@omnibox/platform';
import { toValueMap, withCaller } from '@omnibox/rpc';
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
      const items = page.items.map((contact) => ({
        ...contact,
        lastName: contact.lastName ?? undefined,
        phone: contact.phone ?? undefined,
        email: contact.email ?? undefined,
        language: contact.language ?? undefined,
        countryCode: contact.countryCode ?? undefined,
        gender: contact.gender ?? undefined,
        assigneeId: contact.assigneeId ?? undefined,
        teamId: contact.teamId ?? undefined,
        customFields: toValueMap(contact.customFields ?? {}),
      }));
      return { items, nextCursor: page.nextCursor || undefined };
    });
  }

  @GrpcMethod('Search', 'SearchMessages')
  messages(request: { q: string; scope: string; limit: number; cursor: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => {
      const page = await this.search.messages(caller, request.q, request.scope, { limit: request.limit, cursor: request.cursor });
      return { items: page.items, nextCursor: page.nextCursor || undefined };
    });
  }

  @GrpcMethod('Search', 'SearchThread')
  thread(request: { contactId: string; q: string; limit: number; cursor: string }, metadata: Metadata) {
    return this.run(metadata, async (caller) => {
      const page = await this.search.thread(caller, request.contactId, request.q, { limit: request.limit, cursor: request.cursor });
      return { items: page.items, nextCursor: page.nextCursor || undefined };
    });
  }

  @GrpcMethod('Search', 'RecentSearches')
  recent(_request: unknown, metadata: Metadata) {
    return this.run(metadata, async (caller) => ({ items: await this.search.recentSearches(caller) }));
  }
}
