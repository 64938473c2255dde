import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { lastRefreshedAt } from '../domain/custom-views';
import { Cursor, decodeCursor, SortOrder, StatusFilter } from '../domain/list-order';
import { listRequestProblem } from '../domain/list-rules';
import { ConversationFinder, ConversationPage } from './conversation-finder';
import { CUSTOM_VIEWS, CustomViews } from './ports';
import { ViewAccess } from './view-access';

export interface ListConversationsInput {
  view: string;
  status: string;
  sort: string;
  unreplied: boolean;
  limit: number;
  cursor: string | null;
}

/** Custom views also say when the caller last refreshed them (INB-8). */
export type ListedConversations = ConversationPage & { lastRefreshedAt?: string };

/** API.md `GET /v1/inbox/{view}/conversations`: the list of a view the caller may open (FLT-1…6). */
@Injectable()
export class ListConversations {
  constructor(
    private readonly access: ViewAccess,
    private readonly finder: ConversationFinder,
    @Inject(CUSTOM_VIEWS) private readonly customViews: CustomViews,
  ) {}

  async execute(caller: CallerScope, input: ListConversationsInput): Promise<ListedConversations> {
    const { view, memberIds, custom } = await this.access.open(caller, input.view);
    const status = input.status || 'all';
    const sort = input.sort || 'newest';
    const problem = listRequestProblem({ status, sort, view });
    if (problem) throw invalidInput(problem.field, problem.message);
    let cursor: Cursor | null = null;
    if (input.cursor) {
      cursor = decodeCursor(input.cursor);
      if (!cursor) throw invalidInput('cursor', 'must be a nextCursor value from a previous page');
    }
    const limit = Math.min(Math.max(input.limit || 50, 1), 200);
    const request = { view, memberIds, status: status as StatusFilter, sort: sort as SortOrder, unreplied: input.unreplied, filter: custom?.filter ?? null };
    const page = await this.finder.page(caller, request, limit, cursor);
    if (!custom) return page;
    // INB-8: a custom view reports when the caller last refreshed it (the first read counts as one).
    let refreshed = lastRefreshedAt(custom, caller.principalId);
    if (!refreshed) {
      refreshed = new Date().toISOString();
      await this.customViews.markRefreshed(custom, caller.principalId, refreshed);
    }
    return { ...page, lastRefreshedAt: refreshed };
  }
}
