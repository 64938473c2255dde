import { Inject, Injectable } from '@nestjs/common';
import type { ThreadSnapshot } from '@omnibox/contracts';
import { countBucketOf } from '../domain/counts';
import { placementOf } from '../domain/inbox-views';
import { rowSeries } from '../domain/list-series';
import { CONTACT_ATTRIBUTES, ContactAttributes, INBOX_ROWS, InboxRows, OPEN_COUNTS, OpenCounts } from './ports';

/**
 * Moves a thread's row, series and open-count bucket to a snapshot. Both steps ignore a snapshot older
 * than the one applied, so redelivery, late relays and rebuilds converge to each thread's latest state.
 * Shared by the event path (ProjectThread) and the rebuild (RebuildReadModel).
 */
@Injectable()
export class ThreadProjection {
  constructor(
    @Inject(INBOX_ROWS) private readonly rows: InboxRows,
    @Inject(OPEN_COUNTS) private readonly counts: OpenCounts,
    @Inject(CONTACT_ATTRIBUTES) private readonly attributes: ContactAttributes,
  ) {}

  /** Answers whether the open counts changed. */
  async apply(workspaceId: string, thread: ThreadSnapshot): Promise<boolean> {
    const [outcome, moved] = await Promise.all([
      this.rows.project(workspaceId, thread, rowSeries(workspaceId, thread)),
      this.counts.place(workspaceId, thread.contactId, thread.updatedAt, countBucketOf(placementOf(thread))),
    ]);
    // A row without contact attributes yet (a new thread, or a rebuild) takes them from MongoDB, unless
    // a contact event set newer ones meanwhile.
    if (outcome === 'needs-attributes') {
      const attrs = await this.attributes.find(thread.contactId);
      if (attrs) await this.rows.setAttributes(thread.contactId, attrs, true);
    }
    return moved;
  }
}
