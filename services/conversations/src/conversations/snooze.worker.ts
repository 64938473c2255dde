import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ThreadWoke } from '@omnibox/contracts';
import { CONFIG, currentCorrelationId, getLogger } from '@omnibox/platform';
import type { ConversationsConfig } from '../config';
import { ConversationsStore } from './conversations.store';
import { DueSnooze, SnoozeSchedule } from './snooze-schedule';
import { ThreadsRepository } from './threads.repository';
import { wake } from '../domain/snooze';

/**
 * Wakes snoozed threads at their time (CNV-7) on every replica: each due entry is claimed by exactly
 * one replica (SnoozeSchedule), and the wake itself only applies to a thread still snoozed until
 * that time, so a retried wake-up does nothing twice.
 */
@Injectable()
export class SnoozeWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly store: ConversationsStore,
    private readonly threads: ThreadsRepository,
    private readonly schedule: SnoozeSchedule,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {}

  async onApplicationBootstrap() {
    await this.restore().catch((error) => getLogger().warn({ err: error }, 'could not restore the snooze schedule yet; will retry'));
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = undefined));
    }, this.config.SNOOZE_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.running;
  }

  /** Refills the schedule from MongoDB, the source of truth (e.g. after Redis lost its data). */
  private async restore() {
    const snoozed = await this.store.threads.find({ status: 'snoozed' }, { projection: { workspaceId: 1, snoozedUntil: 1 } }).toArray();
    await this.schedule.restore(snoozed.filter((doc) => doc.snoozedUntil).map((doc) => ({ workspaceId: doc.workspaceId, contactId: doc._id, until: new Date(doc.snoozedUntil as string) })));
  }

  private async tick() {
    try {
      for (const entry of await this.schedule.claimDue()) await this.wake(entry);
    } catch (error) {
      getLogger().warn({ err: error }, 'snooze wake-up pass failed; will retry');
    }
  }

  private async wake(entry: DueSnooze) {
    const doc = await this.threads.find(entry.contactId);
    if (!doc || doc.status !== 'snoozed' || !doc.snoozedUntil) return this.schedule.release(entry);
    if (Date.parse(doc.snoozedUntil) > Date.now()) return this.schedule.reschedule(entry, new Date(doc.snoozedUntil));
    const until = doc.snoozedUntil;
    await this.threads.apply(
      doc,
      (state) => (state.status === 'snoozed' && state.snoozedUntil === until ? wake(state, null, new Date().toISOString()) : null),
      {
        actor: { kind: 'system' },
        // The assignee is reminded (notification centre ⏰ and push) from this event.
        extra: (thread) => [ThreadWoke.create({ workspaceId: doc.workspaceId, aggregateId: doc._id, data: { thread, snoozedUntil: until, early: false }, correlationId: currentCorrelationId() })],
      },
    );
    await this.schedule.release(entry);
  }
}
