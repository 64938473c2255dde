import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, NotificationSnapshot } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { decodeCursor, pageOf, visibleTo } from '../domain/centre';
import { Notification, snapshotOf } from '../domain/notification';
import { centreUserOf } from './centre-user';
import { NOTIFICATION_STORE, NotificationStore, TEAM_MESSAGE_RUNS, TeamMessageRuns } from './ports';

export interface CentrePage {
  items: NotificationSnapshot[];
  nextCursor: string | null;
  unreadCount: number;
}

/**
 * NTF-1: the caller's notifications, newest first, in pages, with their unread count; only those about
 * threads the caller may still see (VIS-4, with the latest access known of each thread). A growing
 * team_message shows its run's latest message.
 */
@Injectable()
export class ListNotifications {
  constructor(
    @Inject(NOTIFICATION_STORE) private readonly store: NotificationStore,
    @Inject(TEAM_MESSAGE_RUNS) private readonly runs: TeamMessageRuns,
  ) {}

  async execute(caller: CallerScope, query: { unread: boolean; limit: number; cursor: string | null }): Promise<CentrePage> {
    const userId = centreUserOf(caller);
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    if (query.cursor && !after) throw invalidInput('cursor', 'must be a nextCursor value from a previous page');
    const visible = await this.visible(caller, userId, query.unread);
    const heads = await this.runs.heads([...new Set(visible.filter((notification) => notification.run).map((notification) => notification.run!))]);
    const snapshots = visible.map((notification) => snapshotOf(notification, notification.run ? (heads.get(notification.run) ?? null) : null));
    const page = pageOf(snapshots, Math.min(200, Math.max(1, query.limit || 50)), after);
    return { ...page, unreadCount: visible.filter((notification) => !notification.read).length };
  }

  /** How many of the caller's notifications are unread (GET /v1/inbox shows it); API tokens have none. */
  async unreadCount(caller: CallerScope): Promise<number> {
    if (caller.kind !== 'user') return 0;
    const now = new Date();
    return (await this.store.unreadThreads(caller.workspaceId, caller.principalId)).filter((thread) => visibleTo(caller, { thread }, now)).length;
  }

  private async visible(caller: CallerScope, userId: string, unreadOnly: boolean): Promise<Notification[]> {
    const now = new Date();
    return (await this.store.ofUser(userId, unreadOnly)).filter((notification) => visibleTo(caller, notification, now));
  }
}
