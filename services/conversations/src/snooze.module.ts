import { Module } from '@nestjs/common';
import { RestoreSnoozeSchedule } from './application/restore-snooze-schedule';
import { WakeSnoozedThread } from './application/wake-snoozed-thread';
import { SnoozePoller } from './adapters/redis/snooze-poller';
import { ThreadsModule } from './threads.module';

/** CNV-7: snoozed threads wake at their time, once, whichever replica is up. */
@Module({
  imports: [ThreadsModule],
  providers: [RestoreSnoozeSchedule, WakeSnoozedThread, SnoozePoller],
})
export class SnoozeModule {}
