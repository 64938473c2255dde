import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { detach } from '../domain/coalescing';
import type { Notification } from '../domain/notification';
import { ANNOUNCER, Announcer, NOTIFICATION_STORE, NotificationStore, TEAM_MESSAGE_RUNS, TeamMessageRuns } from './ports';

/**
 * NTF-1: marking notifications read, whichever way (one by one, all, or by reading their thread). A
 * coalesced team_message that is still growing stops growing and keeps what it shows now; the next
 * message of its thread starts a new one. The user's sockets are told (`notification.read`).
 */
@Injectable()
export class Reading {
  constructor(
    @Inject(NOTIFICATION_STORE) private readonly store: NotificationStore,
    @Inject(TEAM_MESSAGE_RUNS) private readonly runs: TeamMessageRuns,
    @Inject(ANNOUNCER) private readonly announcer: Announcer,
  ) {}

  /** Marks these notifications of one user read; `key` identifies the work when it may be done again. */
  async markRead(workspaceId: string, userId: string, notifications: Notification[], key: string = randomUUID()): Promise<void> {
    const unread = notifications.filter((notification) => !notification.read);
    if (unread.length === 0) return;
    await Promise.all(unread.map((notification) => (notification.run ? this.stopGrowing(notification, true) : this.store.setRead(workspaceId, userId, notification.id, true))));
    await this.announcer.announce(workspaceId, `read|${key}`, [{ userId, type: 'notification.read', ids: unread.map((notification) => notification.id), all: false }], []);
  }

  /** Every notification of the user read (their growing ones stop growing first). */
  async markAllRead(workspaceId: string, userId: string): Promise<void> {
    const growing = (await this.store.ofUser(userId, true)).filter((notification) => notification.run);
    await Promise.all(growing.map((notification) => this.stopGrowing(notification, true)));
    await this.store.markAllRead(workspaceId, userId);
    await this.announcer.announce(workspaceId, `read-all|${randomUUID()}`, [{ userId, type: 'notification.read', ids: [], all: true }], []);
  }

  /** A growing team_message keeps its run's latest message and leaves the run. */
  private stopGrowing(notification: Notification, read: boolean): Promise<void> {
    const contactId = notification.run!;
    return this.runs.exclusive(contactId, async () => {
      const run = await this.runs.find(contactId);
      const head = run && run.head.lastCount >= notification.lastCount ? run.head : { lastCount: notification.lastCount, body: notification.body, updatedAt: notification.updatedAt };
      await this.store.freeze(notification.workspaceId, contactId, [notification.id], head, read);
      if (run?.attached[notification.userId]?.id === notification.id) await this.runs.save(detach(run, notification.userId));
    });
  }
}
