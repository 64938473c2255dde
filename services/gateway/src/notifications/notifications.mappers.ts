import type { NotificationMessage__Output, NotificationSettingsMessage__Output, NotificationSettingsUpdate, PushSubscriptionMessage__Output } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import type { NotificationSettingsInput } from './notifications.dto';

/** notifications.proto ↔ API.md "Notifications": absent optional fields are API.md's nulls. */

/** API.md `notification`. */
export function notificationView(notification: NotificationMessage__Output) {
  return {
    id: notification.id,
    kind: notification.kind,
    contactId: notification.contactId ?? null,
    callId: notification.callId ?? null,
    actorId: notification.actorId ?? null,
    title: notification.title,
    body: notification.body,
    count: notification.count,
    read: notification.read,
    createdAt: notification.createdAt,
    updatedAt: notification.updatedAt,
  };
}

export function settingsView(settings: NotificationSettingsMessage__Output) {
  return {
    kinds: Object.fromEntries(Object.entries(settings.kinds).map(([kind, switches]) => [kind, { centre: switches.centre, push: switches.push }])),
    pushWhenOnline: settings.pushWhenOnline,
  };
}

/** A settings change as the client sent it: each kind `{centre?, push?}` of booleans (the service knows the kinds). */
export function settingsUpdate(input: NotificationSettingsInput): NotificationSettingsUpdate {
  const kinds: NotificationSettingsUpdate['kinds'] = {};
  for (const [kind, switches] of Object.entries(input.kinds ?? {})) {
    if (typeof switches !== 'object' || switches === null || Array.isArray(switches)) throw invalidInput(`kinds.${kind}`, 'must be {centre, push}');
    const { centre, push } = switches as { centre?: unknown; push?: unknown };
    for (const [key, value] of Object.entries({ centre, push })) {
      if (value !== undefined && typeof value !== 'boolean') throw invalidInput(`kinds.${kind}.${key}`, 'must be true or false');
    }
    kinds[kind] = { centre: centre as boolean | undefined, push: push as boolean | undefined };
  }
  return { kinds, pushWhenOnline: input.pushWhenOnline };
}

/** API.md push subscription: `{id, endpoint, createdAt}` (and the user agent it was made with). */
export function subscriptionView(subscription: PushSubscriptionMessage__Output) {
  return { id: subscription.id, endpoint: subscription.endpoint, userAgent: subscription.userAgent ?? null, createdAt: subscription.createdAt };
}
