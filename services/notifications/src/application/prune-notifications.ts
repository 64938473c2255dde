import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATION_STORE, NotificationStore } from './ports';

/** The centre keeps notifications for a while (NOTIFICATION_RETENTION_DAYS after their last change), then forgets them. */
@Injectable()
export class PruneNotifications {
  constructor(@Inject(NOTIFICATION_STORE) private readonly store: NotificationStore) {}

  execute(retentionDays: number, now: Date = new Date()): Promise<number> {
    return this.store.pruneBefore(new Date(now.getTime() - retentionDays * 24 * 3600_000).toISOString());
  }
}
