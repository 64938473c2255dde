import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, seesWholeWorkspace } from '@omnibox/contracts';
import { blockedCount } from '../domain/counts';
import { maySeeBlocked } from '../domain/inbox-views';
import { ConversationFinder } from './conversation-finder';
import { OPEN_COUNTS, OpenCounts } from './ports';

/** Counted one by one only up to this; a sidebar shows the number, not the threads (blocked contacts are few). */
const COUNTED_AT_MOST = 500;

/**
 * INB-4 under VIS-4: how many blocked contacts' threads the caller may see. The blocked view is offered
 * (and may be opened) only while that is more than none. Callers who see the whole workspace read the
 * workspace's count; restricted agents count the threads of the blocked view they may see (the list's
 * own rules, visibility inside the query), and only when the workspace has any blocked thread at all.
 */
@Injectable()
export class VisibleBlocked {
  constructor(
    @Inject(OPEN_COUNTS) private readonly counts: OpenCounts,
    private readonly finder: ConversationFinder,
  ) {}

  /**
   * Whether the caller is refused the blocked view: not allowed to see blocked contacts, or the
   * workspace has blocked threads of which they may see none (its very existence is not theirs to know).
   * A workspace without any lists it empty, as the sidebar simply does not offer it then.
   */
  async refuses(caller: CallerScope): Promise<boolean> {
    if (!maySeeBlocked(caller)) return true;
    const buckets = await this.counts.of(caller.workspaceId);
    return blockedCount(buckets) > 0 && (await this.count(caller, buckets)) === 0;
  }

  async count(caller: CallerScope, buckets?: Record<string, number>): Promise<number> {
    if (!maySeeBlocked(caller)) return 0;
    const workspaceWide = blockedCount(buckets ?? (await this.counts.of(caller.workspaceId)));
    if (workspaceWide === 0 || seesWholeWorkspace(caller)) return workspaceWide;
    const page = await this.finder.page(caller, { view: { kind: 'blocked' }, memberIds: [], status: 'all', sort: 'newest', unreplied: false, filter: null }, COUNTED_AT_MOST, null);
    return page.items.length;
  }
}
