import { Inject, Injectable } from '@nestjs/common';
import { SNOOZE_SCHEDULE, SnoozeSchedule, THREADS, Threads } from './ports';

/**
 * CNV-7: refills the snooze schedule from the threads, the source of truth, so a schedule that lost
 * its data (a Redis restart) loses no wake-up. Entries already there keep their leases.
 */
@Injectable()
export class RestoreSnoozeSchedule {
  constructor(
    @Inject(THREADS) private readonly threads: Threads,
    @Inject(SNOOZE_SCHEDULE) private readonly schedule: SnoozeSchedule,
  ) {}

  async execute(): Promise<void> {
    const snoozed = await this.threads.snoozed();
    await this.schedule.restore(snoozed.map((entry) => ({ workspaceId: entry.workspaceId, contactId: entry.contactId, until: new Date(entry.until) })));
  }
}
