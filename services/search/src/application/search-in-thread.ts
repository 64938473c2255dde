import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { notFound } from '@omnibox/platform';
import { parseMessageQuery } from '../domain/query';
import { canSearchThread } from '../domain/visibility-filter';
import { Hit, SEARCH_INDEX, SearchIndex } from './ports';
import { Page, pageLimit, pageOf, PageRequest, pageStart, validQuery } from './search-page';

/**
 * SRH-7: the matches inside one thread in timeline order (oldest first), for next / previous. A thread
 * the caller may not see answers 404 exactly as a missing one (VIS-4).
 */
@Injectable()
export class SearchInThread {
  constructor(@Inject(SEARCH_INDEX) private readonly index: SearchIndex) {}

  async execute(caller: CallerScope, contactId: string, q: string, page: PageRequest): Promise<Page<Hit>> {
    const query = validQuery(parseMessageQuery(q));
    if (!canSearchThread(caller, await this.index.contact(caller.workspaceId, contactId))) throw notFound(`Conversation ${contactId}`);
    return pageOf(await this.index.timeline(caller, query, { contactId, order: 'asc' }, pageLimit(page), pageStart(page)));
  }
}
