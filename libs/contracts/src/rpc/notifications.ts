// Types generated from notifications.proto (`npm run proto`), for both ends of the contract.
export type { NotificationsDefinition } from '../generated/omnibox/notifications/v1/Notifications';
export type { Notification as NotificationMessage, Notification__Output as NotificationMessage__Output } from '../generated/omnibox/notifications/v1/Notification';
export type { NotificationPage__Output } from '../generated/omnibox/notifications/v1/NotificationPage';
export type { Settings as NotificationSettingsMessage, Settings__Output as NotificationSettingsMessage__Output } from '../generated/omnibox/notifications/v1/Settings';
export type { SettingsUpdate as NotificationSettingsUpdate, SettingsUpdate__Output as NotificationSettingsUpdate__Output } from '../generated/omnibox/notifications/v1/SettingsUpdate';
export type { Subscription as PushSubscriptionMessage, Subscription__Output as PushSubscriptionMessage__Output } from '../generated/omnibox/notifications/v1/Subscription';
