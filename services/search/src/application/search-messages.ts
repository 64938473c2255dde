import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { parseMessageQuery, tidy } from '../domain/query';
import { Hit, RECENT_SEARCHES, RecentSearchStore, SEARCH_INDEX, SearchIndex } from './ports';
import { Page, pageLimit, pageOf, PageRequest, pageStart, validQuery } from './search-page';

/**
 * SRH-4…6/9: messages and comments (or only one of them, `scope`) of every thread the caller may see,
 * newest first, whatever the inbox view, sort or status. Remembered as a recent search (SRH-8).
 */
@Injectable()
export class SearchMessages {
  constructor(
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
    @Inject(RECENT_SEARCHES) private readonly recent: RecentSearchStore,
  ) {}

  async execute(caller: CallerScope, q: string, scope: string | undefined, page: PageRequest): Promise<Page<Hit>> {
    const query = validQuery(parseMessageQuery(q));
    if (scope && scope !== 'messages' && scope !== 'comments') throw invalidInput('scope', 'must be messages or comments');
    const kinds = scope === 'messages' ? (['message'] as const) : scope === 'comments' ? (['comment'] as const) : undefined;
    const found = await this.index.timeline(caller, query, { kinds: kinds && [...kinds], order: 'desc' }, pageLimit(page), pageStart(page));
    void this.recent.remember(caller, tidy(q), scope || 'all');
    return pageOf(found);
  }
}
