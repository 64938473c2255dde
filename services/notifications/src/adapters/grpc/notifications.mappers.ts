import type { NotificationMessage, NotificationSettingsMessage, NotificationSettingsUpdate__Output, NotificationSnapshot, PushSubscriptionMessage } from '@omnibox/contracts';
import type { PushSubscription } from '../../application/ports';
import type { NotificationSettings, SettingsChange } from '../../domain/settings';

/** Domain ↔ notifications.proto: nulls become absent optional fields. */

export function notificationToProto(notification: NotificationSnapshot): NotificationMessage {
  return {
    ...notification,
    contactId: notification.contactId ?? undefined,
    callId: notification.callId ?? undefined,
    actorId: notification.actorId ?? undefined,
  };
}

export function settingsToProto(settings: NotificationSettings): NotificationSettingsMessage {
  return { kinds: settings.kinds, pushWhenOnline: settings.pushWhenOnline };
}

/** A change as received; the domain checks the kinds. Switches left out stay as they are. */
export function settingsChangeFromProto(update: NotificationSettingsUpdate__Output): SettingsChange {
  const kinds = Object.fromEntries(
    Object.entries(update.kinds ?? {}).map(([kind, switches]) => [kind, { ...(switches.centre !== undefined ? { centre: switches.centre } : {}), ...(switches.push !== undefined ? { push: switches.push } : {}) }]),
  );
  return { kinds, ...(update.pushWhenOnline !== undefined ? { pushWhenOnline: update.pushWhenOnline } : {}) };
}

export function subscriptionToProto(subscription: PushSubscription): PushSubscriptionMessage {
  return { id: subscription.id, endpoint: subscription.endpoint, userAgent: subscription.userAgent ?? undefined, createdAt: subscription.createdAt };
}
