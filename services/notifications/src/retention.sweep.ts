import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, getLogger } from '@omnibox/platform';
import { PruneNotifications } from './application/prune-notifications';
import type { NotificationsConfig } from './config';

const EVERY_MS = 3600_000;

/**
 * Forgets notifications past NOTIFICATION_RETENTION_DAYS, hourly (replicas at different moments; a
 * delete by age is the same whoever does it). FerretDB has no TTL indexes, hence a sweep.
 */
@Injectable()
export class RetentionSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly prune: PruneNotifications,
    @Inject(CONFIG) private readonly config: NotificationsConfig,
  ) {}

  onApplicationBootstrap() {
    const sweep = () => void this.prune.execute(this.config.NOTIFICATION_RETENTION_DAYS).catch((error) => getLogger().warn({ err: error }, 'pruning notifications failed; next sweep retries'));
    this.timer = setInterval(sweep, EVERY_MS + Math.floor(Math.random() * 60_000));
    this.timer.unref();
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }
}
