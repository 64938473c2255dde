import { Inject, Injectable } from '@nestjs/common';
import { derivedEventId, NotificationFrame, NotificationSnapshot } from '@omnibox/contracts';
import { Notification, snapshotOf } from '../domain/notification';
import { deliveryOf, topicOf } from '../domain/push';
import { NotificationSettings } from '../domain/settings';
import { ANNOUNCER, Announcer, NOTIFICATION_STORE, NotificationStore, PUSH_LEDGER, PUSH_SUBSCRIPTIONS, PushLedger, PushRequest, PushSubscriptions, SETTINGS_STORE, SettingsStore } from './ports';

/** One user's side of a change: what they see, and how it reaches the centre (null: push only). */
export interface Outgoing {
  userId: string;
  notification: NotificationSnapshot;
  frame: 'notification.created' | 'notification.updated' | null;
}

/** Every user's settings of a workspace, as of now. */
export type SettingsOf = (userId: string) => NotificationSettings;

/**
 * The last step of every notification (NTF-1, NTF-2): per each user's settings for the kind, stored in
 * the centre and announced to their sockets, and pushed to each of their browsers. Ids of everything
 * are derived from the work (`key`), so doing it again after a crash stores and announces it once.
 */
@Injectable()
export class Notifier {
  constructor(
    @Inject(NOTIFICATION_STORE) private readonly store: NotificationStore,
    @Inject(SETTINGS_STORE) private readonly settings: SettingsStore,
    @Inject(PUSH_SUBSCRIPTIONS) private readonly subscriptions: PushSubscriptions,
    @Inject(PUSH_LEDGER) private readonly ledger: PushLedger,
    @Inject(ANNOUNCER) private readonly announcer: Announcer,
  ) {}

  settingsOf(workspaceId: string): Promise<SettingsOf> {
    return this.settings.ofWorkspace(workspaceId);
  }

  /** New notifications, one per user: kept in the centre where the kind is on there, pushed where push is on. */
  async create(workspaceId: string, key: string, notifications: Notification[], requestedAt: string): Promise<void> {
    if (notifications.length === 0) return;
    const settingsOf = await this.settingsOf(workspaceId);
    const kept = notifications.filter((notification) => settingsOf(notification.userId).kinds[notification.kind].centre);
    await this.store.insert(kept);
    const outgoing = notifications.map((notification): Outgoing => ({ userId: notification.userId, notification: snapshotOf(notification), frame: kept.includes(notification) ? 'notification.created' : null }));
    await this.announce(workspaceId, key, outgoing, settingsOf, requestedAt);
  }

  /** Announces changes already stored (or push-only ones): frames to the centre's users, pushes per settings. */
  async announce(workspaceId: string, key: string, outgoing: Outgoing[], settingsOf: SettingsOf, requestedAt: string): Promise<void> {
    if (outgoing.length === 0) return;
    const subscriptionsOf = await this.subscriptions.ofWorkspace(workspaceId);
    const frames: NotificationFrame[] = outgoing.filter((entry) => entry.frame).map((entry) => ({ userId: entry.userId, type: entry.frame!, notification: entry.notification }));
    const pushes: PushRequest[] = [];
    for (const { userId, notification } of outgoing) {
      if (!settingsOf(userId).kinds[notification.kind].push) continue;
      const topic = topicOf(notification.contactId, notification.id);
      for (const subscription of subscriptionsOf(userId)) {
        const push = { subscriptionId: subscription.id, userId, notification, topic, ...deliveryOf(notification.kind), requestedAt };
        pushes.push({ id: pushRequestId(key, push), ...push });
      }
    }
    // Only the latest push of a thread is worth sending: one older than what is recorded is dropped here.
    const recorded = await Promise.all(pushes.map((push) => this.ledger.request(push.subscriptionId, push.topic, push.id, push.requestedAt)));
    await this.announcer.announce(workspaceId, key, frames, pushes.filter((_, index) => recorded[index]));
  }
}

/** The id of a push request (and of the event carrying it), derived from the work and the subscription. */
export function pushRequestId(key: string, push: Pick<PushRequest, 'subscriptionId' | 'notification'>): string {
  return derivedEventId(`${key}|push|${push.notification.id}|${push.subscriptionId}`);
}
