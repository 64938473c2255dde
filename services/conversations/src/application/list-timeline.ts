import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, TimelineItem } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { CallerThreads } from './caller-threads';
import { TIMELINE, Timeline } from './ports';

export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: string | null;
}

const TIMELINE_CURSOR = /^[0-9TZ:.-]{10,40}\|[A-Za-z0-9_-]{1,64}$/;

/** CNV-9: a thread's messages, comments and events, newest first, keyset-paginated by (time, id). */
@Injectable()
export class ListTimeline {
  constructor(
    private readonly threads: CallerThreads,
    @Inject(TIMELINE) private readonly timeline: Timeline,
  ) {}

  async execute(caller: CallerScope, contactId: string, limit: number, cursor?: string): Promise<TimelinePage> {
    await this.threads.visible(caller, contactId);
    const size = Math.min(Math.max(limit || 50, 1), 200);
    let before: { at: string; id: string } | null = null;
    if (cursor) {
      const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
      if (!TIMELINE_CURSOR.test(decoded)) throw invalidInput('cursor', 'must be a nextCursor value from a previous page');
      const [at, id] = decoded.split('|');
      before = { at, id };
    }
    const entries = await this.timeline.page(caller.workspaceId, contactId, before, size + 1);
    const more = entries.length > size;
    const page = more ? entries.slice(0, size) : entries;
    const last = page[page.length - 1];
    return { items: page.map((entry) => entry.item), nextCursor: more && last ? Buffer.from(`${last.at}|${last.id}`).toString('base64url') : null };
  }
}
