import { Inject, Injectable } from '@nestjs/common';
import { mergeThreads } from '../domain/contact-merge';
import type { ThreadState } from '../domain/thread';
import { SNOOZE_SCHEDULE, SnoozeSchedule, TIMELINE, Timeline, VersionedThread } from './ports';
import { stateOf, ThreadWriter } from './thread-writer';

/**
 * CON-3 / CNV-9: the merged-away contact's timeline joins the kept one; its conversation is closed by
 * the merge and leaves every list. Each step can run again after a crash (the contact event is
 * redelivered until handled): the move is absolute, and the merge is recorded once.
 */
@Injectable()
export class MergeContactThreads {
  constructor(
    private readonly writer: ThreadWriter,
    @Inject(TIMELINE) private readonly timeline: Timeline,
    @Inject(SNOOZE_SCHEDULE) private readonly snoozes: SnoozeSchedule,
  ) {}

  async execute(workspaceId: string, kept: VersionedThread, mergedContactId: string, contact: ThreadState['contact'], actorId: string | null): Promise<void> {
    const merged = await this.writer.find(mergedContactId);
    await this.timeline.moveToContact(workspaceId, mergedContactId, kept.contactId);
    if (merged && !merged.deleted) {
      await this.writer.apply(merged, (state) => ({ state: { ...state, deleted: true, updatedAt: new Date().toISOString() }, events: [] }));
      await this.snoozes.cancel(workspaceId, mergedContactId);
    }
    if (await this.timeline.hasMergeOf(kept.contactId, mergedContactId)) return;
    await this.writer.apply(kept, (state) => mergeThreads(state, merged ? stateOf(merged) : null, contact, mergedContactId, actorId, new Date().toISOString()));
  }
}
