import { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { AdvancedFilter, parseView } from '@omnibox/contracts';
import { CONFIG, invalidInput, ServiceConfig } from '@omnibox/platform';
import { withCaller } from '@omnibox/rpc';
import { SortOrder, StatusFilter } from './domain/inbox-list';
import { InboxService } from './inbox.service';

interface ListInboxRequest {
  view: string;
  memberIds: string[];
  status: string;
  sort: string;
  unreplied: boolean;
  filterJson: string;
  limit: number;
  cursor: string;
}

/** The gRPC face of the inbox lists (service `Inbox` of conversations.proto). */
@Controller()
export class InboxGrpcController {
  constructor(
    private readonly inbox: InboxService,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  @GrpcMethod('Inbox', 'ListInbox')
  list(request: ListInboxRequest, metadata: Metadata) {
    return withCaller(metadata, this.config.INTERNAL_SECRET, async (caller) => {
      const view = parseView(request.view);
      if (!view) throw invalidInput('view', 'must be all, mine, unassigned, team:<id>, team:<id>:unassigned, custom:<id> or blocked');
      let filter: AdvancedFilter | null = null;
      if (request.filterJson) {
        try {
          filter = JSON.parse(request.filterJson) as AdvancedFilter;
        } catch {
          throw invalidInput('filter', 'must be JSON');
        }
      }
      const page = await this.inbox.list(
        caller,
        { view, memberIds: request.memberIds ?? [], status: (request.status || 'all') as StatusFilter, sort: (request.sort || 'newest') as SortOrder, unreplied: !!request.unreplied, filter },
        Math.min(Math.max(request.limit || 50, 1), 200),
        request.cursor || undefined,
      );
      return { json: JSON.stringify(page) };
    });
  }
}
