import { Inject, Injectable } from '@nestjs/common';
import { ThreadWoke } from '@omnibox/contracts';
import { currentCorrelationId } from '@omnibox/platform';
import { wakeIfDue } from '../domain/snooze';
import { DueSnooze, SNOOZE_SCHEDULE, SnoozeSchedule } from './ports';
import { ThreadWriter } from './thread-writer';

/**
 * CNV-7: a snoozed thread wakes at its time, back to its previous status, and its assignee is reminded
 * (from `conversations.thread.woke`). The entry was claimed by this replica only; the wake applies only
 * to a thread still snoozed until that time, so a retried wake-up does nothing twice.
 */
@Injectable()
export class WakeSnoozedThread {
  constructor(
    private readonly writer: ThreadWriter,
    @Inject(SNOOZE_SCHEDULE) private readonly schedule: SnoozeSchedule,
  ) {}

  async execute(entry: DueSnooze): Promise<void> {
    const thread = await this.writer.find(entry.contactId);
    if (!thread || thread.status !== 'snoozed' || !thread.snoozedUntil) return this.schedule.release(entry);
    if (Date.parse(thread.snoozedUntil) > Date.now()) return this.schedule.reschedule(entry, new Date(thread.snoozedUntil));
    const until = thread.snoozedUntil;
    await this.writer.apply(thread, (state) => wakeIfDue(state, until, new Date().toISOString()), {
      actor: { kind: 'system' },
      extra: (snapshot) => [ThreadWoke.create({ workspaceId: thread.workspaceId, aggregateId: thread.contactId, data: { thread: snapshot, snoozedUntil: until, early: false }, correlationId: currentCorrelationId() })],
    });
    await this.schedule.release(entry);
  }
}
