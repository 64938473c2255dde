import { apiSchema, boolean, integer, nullable, object, oneOfValues, pageOf, string, time } from '../openapi/api-schemas';

/** API.md "Notifications" answers, as notifications.mappers.ts writes them. */

const KINDS = ['assigned', 'team_assigned', 'team_message', 'mentioned', 'snooze_woke', 'missed_call', 'collaborator_added', 'new_message'];
const unreadCount = integer({ minimum: 0 });

export const Notification = apiSchema(
  'Notification',
  object({
    id: string(),
    kind: oneOfValues(KINDS),
    contactId: nullable(string()),
    callId: nullable(string()),
    actorId: nullable(string()),
    title: string(),
    body: string(),
    count: integer({ minimum: 1, description: 'how many events it stands for (coalesced)' }),
    read: boolean,
    createdAt: time,
    updatedAt: time,
  }),
);
export const NotificationPage = pageOf('Notification', Notification, { unreadCount });
export const UnreadCount = apiSchema('UnreadCount', object({ unreadCount }));

export const NotificationSettings = apiSchema(
  'NotificationSettings',
  object({ kinds: { type: 'object', additionalProperties: object({ centre: boolean, push: boolean }), description: 'kind → switches' }, pushWhenOnline: boolean }),
);

export const VapidPublicKey = apiSchema('VapidPublicKey', object({ publicKey: string({ pattern: '^[A-Za-z0-9_-]+$', description: 'URL-safe base64, for PushManager.subscribe' }) }));

const subscriptionFields = { id: string(), endpoint: string({ format: 'uri' }), createdAt: time };
export const PushSubscriptionCreated = apiSchema('PushSubscriptionCreated', object(subscriptionFields));
export const PushSubscription = apiSchema('PushSubscription', object({ ...subscriptionFields, userAgent: nullable(string()) }));
export const PushSubscriptionPage = pageOf('PushSubscription', PushSubscription);
