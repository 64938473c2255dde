import type { EventEnvelope } from '@omnibox/contracts';
import { CONTACT_EVENT_TYPES, indexContactEvent } from './index-contact-event';
import { CONVERSATION_EVENT_TYPES, indexConversationEvent } from './index-conversation-event';
import { IndexingBatch } from './indexing-batch';
import type { IndexWriter, PermanentFailure } from './ports';

/** The event types the indexes are built from; every other type is acknowledged unread. */
export const INDEXED_EVENT_TYPES: ReadonlySet<string> = new Set([...CONTACT_EVENT_TYPES, ...CONVERSATION_EVENT_TYPES]);

/**
 * Applies a batch of events to one set of indexes in a few bulk requests. Idempotent: applying the
 * same events again (a redelivery, a replay) leaves the indexes as they were. Contact documents are
 * written back only if unchanged since they were read; message documents carry their event's time as
 * version, so an older event never overwrites a newer document.
 */
export class IndexEvents {
  constructor(private readonly writer: IndexWriter) {}

  async execute(events: EventEnvelope[]): Promise<PermanentFailure[]> {
    const batch = await IndexingBatch.load(this.writer, events);
    for (const event of events) if (!indexContactEvent(batch, event)) indexConversationEvent(batch, event);
    // 1. message and comment documents, with their contact's final state of this batch;
    const failures = await this.writer.writeTimeline(batch.timelineWrites());
    // 2. earlier documents of contacts whose access, block, merge or deletion changed;
    await this.writer.followContacts(batch.follows());
    // 3. contacts last: if anything above failed, the retry sees the same changes and does it again.
    return [...failures, ...(await this.writer.writeContacts(batch.contactWrites()))];
  }
}
