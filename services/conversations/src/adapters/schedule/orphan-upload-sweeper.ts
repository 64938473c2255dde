import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, getLogger } from '@omnibox/platform';
import { SweepOrphanUploads } from '../../application/sweep-orphan-uploads';
import type { ConversationsConfig } from '../../config';

/**
 * Every ATTACHMENT_SWEEP_INTERVAL_MS, on every replica, removes uploads never sent for
 * ATTACHMENT_ORPHAN_HOURS (the sweep is safe with several replicas, see SweepOrphanUploads).
 */
@Injectable()
export class OrphanUploadSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly sweep: SweepOrphanUploads,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = undefined));
    }, this.config.ATTACHMENT_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick() {
    try {
      const removed = await this.sweep.execute(this.config.ATTACHMENT_ORPHAN_HOURS);
      if (removed > 0) getLogger().info({ removed }, 'orphaned uploads removed');
    } catch (error) {
      getLogger().warn({ err: error }, 'orphaned upload sweep failed; will retry');
    }
  }
}
