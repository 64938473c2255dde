import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryReadModel, DirectoryReadModelModule } from '@omnibox/directory';
import { CONFIG } from '@omnibox/platform';
import { CoalesceTeamMessage } from './application/coalesce-team-message';
import { FollowThread } from './application/follow-thread';
import { ListNotifications } from './application/list-notifications';
import { MarkNotifications } from './application/mark-notifications';
import { NotificationSettingsOf } from './application/notification-settings';
import { Notifier } from './application/notifier';
import { NotifyAssignment } from './application/notify-assignment';
import { NotifyIncomingMessage } from './application/notify-incoming-message';
import { NotifyMention } from './application/notify-mention';
import { NotifyMissedCall } from './application/notify-missed-call';
import { NotifySnoozeWoke } from './application/notify-snooze-woke';
import { NotifyUsers } from './application/notify-users';
import { ANNOUNCER, DIRECTORY, NOTIFICATION_STORE, PRESENCE, PUSH_LEDGER, PUSH_SENDER, PUSH_SUBSCRIPTIONS, SETTINGS_STORE, TEAM_MESSAGE_RUNS, VAPID_KEYS } from './application/ports';
import { PruneNotifications } from './application/prune-notifications';
import { ManagePushSubscriptions, OUTBOUND_PROFILE } from './application/push-subscriptions';
import { Reading } from './application/reading';
import { SendPush } from './application/send-push';
import { NotificationsGrpcController } from './adapters/grpc/notifications.grpc';
import { WebPushSender } from './adapters/http/web-push-sender';
import { MongoSettingsStore } from './adapters/mongo/notification-settings.repository';
import { NOTIFICATION_SETTINGS_MODEL, NotificationSettingsSchema } from './adapters/mongo/notification-settings.schema';
import { MongoNotificationStore } from './adapters/mongo/notifications.repository';
import { NOTIFICATION_MODEL, NotificationSchema } from './adapters/mongo/notifications.schema';
import { MongoPushSubscriptions } from './adapters/mongo/push-subscriptions.repository';
import { PUSH_SUBSCRIPTION_MODEL, PushSubscriptionSchema } from './adapters/mongo/push-subscriptions.schema';
import { MongoTeamMessageRuns } from './adapters/mongo/team-message-runs.repository';
import { TEAM_MESSAGE_RUN_MODEL, TeamMessageRunSchema } from './adapters/mongo/team-message-runs.schema';
import { JetStreamAnnouncer } from './adapters/nats/announcer';
import { CallEventsConsumer } from './adapters/nats/call-events.consumer';
import { ConversationEventsConsumer } from './adapters/nats/conversation-events.consumer';
import { PushRequestsConsumer } from './adapters/nats/push-requests.consumer';
import { RedisPresence } from './adapters/redis/presence';
import { RedisPushLedger } from './adapters/redis/push-ledger';
import type { NotificationsConfig } from './config';
import { RetentionSweep } from './retention.sweep';

/**
 * The notification centre and Web Push (README.md): notifications decided from conversation, call and
 * directory events, kept per user, served on the gRPC service `Notifications`, announced to the
 * realtime hub and pushed by the push worker.
 */
@Module({
  imports: [
    // The shared directory read model, under the durable name and Redis keys this service has used.
    DirectoryReadModelModule.forService('notifications', { durable: 'notifications-directory', cacheNamespace: 'notifications' }),
    MongooseModule.forFeature([
      { name: NOTIFICATION_MODEL, schema: NotificationSchema },
      { name: TEAM_MESSAGE_RUN_MODEL, schema: TeamMessageRunSchema },
      { name: NOTIFICATION_SETTINGS_MODEL, schema: NotificationSettingsSchema },
      { name: PUSH_SUBSCRIPTION_MODEL, schema: PushSubscriptionSchema },
    ]),
  ],
  controllers: [NotificationsGrpcController],
  providers: [
    { provide: NOTIFICATION_STORE, useClass: MongoNotificationStore },
    { provide: TEAM_MESSAGE_RUNS, useClass: MongoTeamMessageRuns },
    { provide: SETTINGS_STORE, useClass: MongoSettingsStore },
    { provide: PUSH_SUBSCRIPTIONS, useClass: MongoPushSubscriptions },
    { provide: DIRECTORY, useExisting: DirectoryReadModel },
    { provide: PRESENCE, useClass: RedisPresence },
    { provide: PUSH_LEDGER, useClass: RedisPushLedger },
    { provide: ANNOUNCER, useClass: JetStreamAnnouncer },
    { provide: PUSH_SENDER, useClass: WebPushSender },
    { provide: VAPID_KEYS, inject: [CONFIG], useFactory: (config: NotificationsConfig) => config.vapidKeys() },
    { provide: OUTBOUND_PROFILE, inject: [CONFIG], useFactory: (config: NotificationsConfig) => config.DEPLOYMENT_PROFILE },
    Notifier,
    NotifyUsers,
    NotifyAssignment,
    NotifyIncomingMessage,
    CoalesceTeamMessage,
    NotifyMention,
    NotifySnoozeWoke,
    NotifyMissedCall,
    Reading,
    FollowThread,
    ListNotifications,
    MarkNotifications,
    NotificationSettingsOf,
    ManagePushSubscriptions,
    SendPush,
    PruneNotifications,
    RetentionSweep,
    ConversationEventsConsumer,
    CallEventsConsumer,
    PushRequestsConsumer,
  ],
})
export class NotificationsFeatureModule {}
