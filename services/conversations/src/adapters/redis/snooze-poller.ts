import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, getLogger } from '@omnibox/platform';
import { SNOOZE_SCHEDULE, SnoozeSchedule } from '../../application/ports';
import { RestoreSnoozeSchedule } from '../../application/restore-snooze-schedule';
import { WakeSnoozedThread } from '../../application/wake-snoozed-thread';
import type { ConversationsConfig } from '../../config';

/**
 * Wakes snoozed threads at their time (CNV-7) on every replica: refills the schedule at start, then
 * every SNOOZE_POLL_MS claims the due entries (each claimed by exactly one replica) and wakes them.
 */
@Injectable()
export class SnoozePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(SNOOZE_SCHEDULE) private readonly schedule: SnoozeSchedule,
    private readonly restore: RestoreSnoozeSchedule,
    private readonly wake: WakeSnoozedThread,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {}

  async onApplicationBootstrap() {
    await this.restore.execute().catch((error) => getLogger().warn({ err: error }, 'could not restore the snooze schedule yet; will retry'));
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = undefined));
    }, this.config.SNOOZE_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick() {
    try {
      for (const entry of await this.schedule.claimDue()) await this.wake.execute(entry);
    } catch (error) {
      getLogger().warn({ err: error }, 'snooze wake-up pass failed; will retry');
    }
  }
}
