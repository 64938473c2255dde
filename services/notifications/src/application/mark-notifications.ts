import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, NotificationSnapshot } from '@omnibox/contracts';
import { notFound } from '@omnibox/platform';
import { visibleTo } from '../domain/centre';
import { Notification, snapshotOf } from '../domain/notification';
import { centreUserOf } from './centre-user';
import { ANNOUNCER, Announcer, NOTIFICATION_STORE, NotificationStore, TEAM_MESSAGE_RUNS, TeamMessageRuns } from './ports';
import { Reading } from './reading';

/**
 * NTF-1: mark one notification read or unread, or all of them read. Only the caller's own, about a
 * thread they may still see (404 otherwise, VIS-4).
 */
@Injectable()
export class MarkNotifications {
  constructor(
    @Inject(NOTIFICATION_STORE) private readonly store: NotificationStore,
    @Inject(TEAM_MESSAGE_RUNS) private readonly runs: TeamMessageRuns,
    @Inject(ANNOUNCER) private readonly announcer: Announcer,
    private readonly reading: Reading,
  ) {}

  async read(caller: CallerScope, id: string): Promise<NotificationSnapshot> {
    const notification = await this.own(caller, id);
    await this.reading.markRead(caller.workspaceId, notification.userId, [notification]);
    return this.current(notification);
  }

  async unread(caller: CallerScope, id: string): Promise<NotificationSnapshot> {
    const notification = await this.own(caller, id);
    if (notification.read) {
      await this.store.setRead(caller.workspaceId, notification.userId, notification.id, false);
      const snapshot = await this.current(notification);
      await this.announcer.announce(caller.workspaceId, `unread|${id}|${Date.now()}`, [{ userId: notification.userId, type: 'notification.updated', notification: snapshot }], []);
      return snapshot;
    }
    return this.current(notification);
  }

  async readAll(caller: CallerScope): Promise<{ unreadCount: number }> {
    await this.reading.markAllRead(caller.workspaceId, centreUserOf(caller));
    return { unreadCount: 0 };
  }

  private async own(caller: CallerScope, id: string): Promise<Notification> {
    const notification = await this.store.find(centreUserOf(caller), id);
    if (!notification || !visibleTo(caller, notification)) throw notFound('Notification');
    return notification;
  }

  private async current(notification: Notification): Promise<NotificationSnapshot> {
    const fresh = (await this.store.find(notification.userId, notification.id)) ?? notification;
    const head = fresh.run ? ((await this.runs.heads([fresh.run])).get(fresh.run) ?? null) : null;
    return snapshotOf(fresh, head);
  }
}
