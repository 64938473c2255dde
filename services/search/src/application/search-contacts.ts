import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, ContactSnapshot } from '@omnibox/contracts';
import { parseContactQuery, tidy } from '../domain/query';
import { RECENT_SEARCHES, RecentSearchStore, SEARCH_INDEX, SearchIndex } from './ports';
import { Page, pageLimit, pageOf, PageRequest, pageStart, validQuery } from './search-page';

/**
 * SRH-1/2/9: contacts whose name, phone or e-mail starts with the words, or with a custom value equal
 * to the query, among those the caller may see; in name order. Remembered as a recent search (SRH-8).
 */
@Injectable()
export class SearchContacts {
  constructor(
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
    @Inject(RECENT_SEARCHES) private readonly recent: RecentSearchStore,
  ) {}

  async execute(caller: CallerScope, q: string, page: PageRequest): Promise<Page<ContactSnapshot>> {
    const query = validQuery(parseContactQuery(q));
    const found = await this.index.contacts(caller, query, pageLimit(page), pageStart(page));
    void this.recent.remember(caller, tidy(q), 'contacts');
    return pageOf(found);
  }
}
