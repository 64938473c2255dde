import { defineEvent } from './envelope';

/** NTF-1: what a notification is about. */
export const NOTIFICATION_KINDS = ['assigned', 'team_assigned', 'team_message', 'mentioned', 'snooze_woke', 'missed_call', 'collaborator_added', 'new_message'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A notification as its user sees it (API.md `notification`). */
export interface NotificationSnapshot {
  id: string;
  kind: NotificationKind;
  contactId: string | null;
  callId: string | null;
  actorId: string | null;
  title: string;
  body: string;
  /** How many events it stands for: a coalesced `team_message` grows. */
  count: number;
  read: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One realtime frame for one user (API.md "Notifications": to their user only). */
export type NotificationFrame =
  | { userId: string; type: 'notification.created' | 'notification.updated'; notification: NotificationSnapshot }
  /** `all`: every notification of the user is read now (read-all); otherwise the ids that were. */
  | { userId: string; type: 'notification.read'; ids: string[]; all: boolean };

/**
 * Events of the notifications service. `notifications.notification.changed`: notifications were
 * created, grew (a coalesced one) or were read; the gateway's realtime hub sends each frame to its
 * user's sockets. One event per change of the centre, however many users it touches (an incoming
 * message on a team thread grows one notification per member).
 */
export const NotificationsChanged = defineEvent<{ frames: NotificationFrame[] }>('notifications.notification.changed');

/**
 * A Web Push to send to one subscription (NTF-2), read by the service's own push worker so that a slow
 * or failing push service never holds up the consumers. Pushes of one `topic` (a thread) replace each
 * other; `requestedAt` orders them, so an older push retried late never replaces a newer one.
 */
export const PushRequested = defineEvent<{
  subscriptionId: string;
  userId: string;
  notification: NotificationSnapshot;
  topic: string;
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
  requestedAt: string;
}>('notifications.push.requested');
