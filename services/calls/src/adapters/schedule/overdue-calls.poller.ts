import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG, getLogger } from '@omnibox/platform';
import { EndOverdueCalls } from '../../application/end-overdue-calls';
import type { CallsConfig } from '../../config';

/**
 * CAL-2 on a timer: every CALL_TIMER_POLL_MS (each replica starting at its own moment) the calls past
 * their maximum duration are ended. Several replicas racing for one call is expected: only one write
 * ends it (see EndOverdueCalls).
 */
@Injectable()
export class OverdueCallsPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly endOverdue: EndOverdueCalls,
    @Inject(CONFIG) private readonly config: CallsConfig,
  ) {}

  onApplicationBootstrap() {
    const every = this.config.CALL_TIMER_POLL_MS;
    const start = setTimeout(() => {
      this.timer = setInterval(() => this.poll(), every);
      this.timer.unref();
    }, Math.floor(Math.random() * every));
    start.unref();
    this.timer = start;
  }

  async beforeApplicationShutdown() {
    clearTimeout(this.timer);
    clearInterval(this.timer);
    await this.running;
  }

  private poll() {
    if (this.running) return;
    this.running = this.endOverdue
      .execute(new Date())
      .then(() => undefined)
      .catch((error) => getLogger().warn({ err: error }, 'ending calls past their maximum duration failed; next poll retries'))
      .finally(() => (this.running = undefined));
  }
}
