import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CallerScope, NotificationsDefinition } from '@omnibox/contracts';
import { Caller, RpcHandlers, RpcMethod, RpcReceived, RpcReply } from '@omnibox/rpc';
import { ListNotifications } from '../../application/list-notifications';
import { MarkNotifications } from '../../application/mark-notifications';
import { NotificationSettingsOf } from '../../application/notification-settings';
import { ManagePushSubscriptions } from '../../application/push-subscriptions';
import { notificationToProto, settingsChangeFromProto, settingsToProto, subscriptionToProto } from './notifications.mappers';

type Received<M extends RpcMethod<NotificationsDefinition>> = RpcReceived<NotificationsDefinition, M>;
type Reply<M extends RpcMethod<NotificationsDefinition>> = Promise<RpcReply<NotificationsDefinition, M>>;

/** The gRPC face of the notification centre (libs/contracts/proto/notifications.proto): decode, run the use case, encode. */
@Controller()
export class NotificationsGrpcController implements RpcHandlers<NotificationsDefinition> {
  constructor(
    private readonly centre: ListNotifications,
    private readonly marks: MarkNotifications,
    private readonly settings: NotificationSettingsOf,
    private readonly push: ManagePushSubscriptions,
  ) {}

  @GrpcMethod('Notifications')
  async listNotifications(@Payload() request: Received<'ListNotifications'>, @Caller() caller: CallerScope): Reply<'ListNotifications'> {
    const page = await this.centre.execute(caller, { unread: request.unread, limit: request.limit, cursor: request.cursor ?? null });
    return { items: page.items.map(notificationToProto), nextCursor: page.nextCursor ?? undefined, unreadCount: page.unreadCount };
  }

  @GrpcMethod('Notifications')
  async getUnreadCount(@Payload() _request: Received<'GetUnreadCount'>, @Caller() caller: CallerScope): Reply<'GetUnreadCount'> {
    return { unreadCount: await this.centre.unreadCount(caller) };
  }

  @GrpcMethod('Notifications')
  async markRead(@Payload() request: Received<'MarkRead'>, @Caller() caller: CallerScope): Reply<'MarkRead'> {
    return notificationToProto(await this.marks.read(caller, request.id));
  }

  @GrpcMethod('Notifications')
  async markUnread(@Payload() request: Received<'MarkUnread'>, @Caller() caller: CallerScope): Reply<'MarkUnread'> {
    return notificationToProto(await this.marks.unread(caller, request.id));
  }

  @GrpcMethod('Notifications')
  markAllRead(@Payload() _request: Received<'MarkAllRead'>, @Caller() caller: CallerScope): Reply<'MarkAllRead'> {
    return this.marks.readAll(caller);
  }

  @GrpcMethod('Notifications')
  async getSettings(@Payload() _request: Received<'GetSettings'>, @Caller() caller: CallerScope): Reply<'GetSettings'> {
    return settingsToProto(await this.settings.get(caller));
  }

  @GrpcMethod('Notifications')
  async updateSettings(@Payload() request: Received<'UpdateSettings'>, @Caller() caller: CallerScope): Reply<'UpdateSettings'> {
    return settingsToProto(await this.settings.update(caller, settingsChangeFromProto(request)));
  }

  @GrpcMethod('Notifications')
  async getVapidPublicKey(@Payload() _request: Received<'GetVapidPublicKey'>): Reply<'GetVapidPublicKey'> {
    return this.push.publicKey();
  }

  @GrpcMethod('Notifications')
  async subscribe(@Payload() request: Received<'Subscribe'>, @Caller() caller: CallerScope): Reply<'Subscribe'> {
    const { subscription, created } = await this.push.subscribe(caller, { endpoint: request.endpoint, keys: { p256dh: request.p256dh, auth: request.auth }, userAgent: request.userAgent ?? null });
    return { subscription: subscriptionToProto(subscription), created };
  }

  @GrpcMethod('Notifications')
  async listSubscriptions(@Payload() _request: Received<'ListSubscriptions'>, @Caller() caller: CallerScope): Reply<'ListSubscriptions'> {
    return { items: (await this.push.list(caller)).map(subscriptionToProto) };
  }

  @GrpcMethod('Notifications')
  async unsubscribe(@Payload() request: Received<'Unsubscribe'>, @Caller() caller: CallerScope): Reply<'Unsubscribe'> {
    await this.push.unsubscribe(caller, request.id);
    return {};
  }
}
