import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { RECENT_SEARCHES, RecentSearch, RecentSearchStore } from './ports';

/** SRH-8: the caller's recent searches, newest first. */
@Injectable()
export class RecentSearches {
  constructor(@Inject(RECENT_SEARCHES) private readonly recent: RecentSearchStore) {}

  execute(caller: CallerScope): Promise<RecentSearch[]> {
    return this.recent.list(caller);
  }
}
