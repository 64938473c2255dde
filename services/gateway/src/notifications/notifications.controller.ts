import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { ApiAnswer, ApiErrors } from '../openapi/responses';
import { NotificationsClient } from './notifications.client';
import { NotificationListQuery, NotificationSettingsInput, PushSubscriptionInput } from './notifications.dto';
import { Notification, NotificationPage, NotificationSettings, PushSubscriptionCreated, PushSubscriptionPage, UnreadCount, VapidPublicKey } from './notifications.schemas';
import { notificationView, settingsUpdate, settingsView, subscriptionView } from './notifications.mappers';

/**
 * API.md "Notifications": the caller's notification centre (NTF-1), their settings and their browsers'
 * Web Push subscriptions (NTF-2). A thin mapper over the notifications service's gRPC contract; every
 * rule lives there, and a request carries only the caller.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsClient) {}

  @ApiAnswer(200, NotificationPage, 'Newest first')
  @ApiErrors(403)
  @Get('notifications')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: NotificationListQuery) {
    const page = await this.notifications.call('ListNotifications', { unread: query.unread === true, limit: query.limit ?? 50, cursor: query.cursor }, principal.scope);
    return { items: page.items.map(notificationView), nextCursor: page.nextCursor ?? null, unreadCount: page.unreadCount };
  }

  // Declared before `notifications/:id/read` so `read-all` is never taken for an id.
  @ApiAnswer(200, UnreadCount)
  @ApiErrors(403)
  @Post('notifications/read-all')
  @HttpCode(200)
  readAll(@CurrentPrincipal() principal: Principal) {
    return this.notifications.call('MarkAllRead', {}, principal.scope);
  }

  @ApiAnswer(200, Notification)
  @ApiErrors(403)
  @Post('notifications/:id/read')
  @HttpCode(200)
  async read(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return notificationView(await this.notifications.call('MarkRead', { id }, principal.scope));
  }

  @ApiAnswer(200, Notification)
  @ApiErrors(403)
  @Post('notifications/:id/unread')
  @HttpCode(200)
  async unread(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return notificationView(await this.notifications.call('MarkUnread', { id }, principal.scope));
  }

  @ApiAnswer(200, NotificationSettings)
  @ApiErrors(403)
  @Get('notification-settings')
  async settings(@CurrentPrincipal() principal: Principal) {
    return settingsView(await this.notifications.call('GetSettings', {}, principal.scope));
  }

  @ApiAnswer(200, NotificationSettings)
  @ApiErrors(403)
  @Put('notification-settings')
  async updateSettings(@CurrentPrincipal() principal: Principal, @Body() input: NotificationSettingsInput) {
    return settingsView(await this.notifications.call('UpdateSettings', settingsUpdate(input), principal.scope));
  }

  @ApiAnswer(200, VapidPublicKey)
  @Get('push/vapid-public-key')
  vapidPublicKey(@CurrentPrincipal() principal: Principal) {
    return this.notifications.call('GetVapidPublicKey', {}, principal.scope);
  }

  /** 201 for a new subscription; the same endpoint again answers the existing one (200). */
  @ApiAnswer(201, PushSubscriptionCreated)
  @ApiAnswer(200, PushSubscriptionCreated, 'The endpoint was subscribed already: the existing subscription')
  @ApiErrors(403)
  @Post('push-subscriptions')
  async subscribe(@CurrentPrincipal() principal: Principal, @Body() input: PushSubscriptionInput, @Res({ passthrough: true }) res: Response) {
    const answer = await this.notifications.call('Subscribe', { endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: input.userAgent }, principal.scope);
    res.status(answer.created ? 201 : 200);
    const { id, endpoint, createdAt } = subscriptionView(answer.subscription!);
    return { id, endpoint, createdAt };
  }

  @ApiAnswer(200, PushSubscriptionPage)
  @ApiErrors(403)
  @Get('push-subscriptions')
  async subscriptions(@CurrentPrincipal() principal: Principal) {
    const list = await this.notifications.call('ListSubscriptions', {}, principal.scope);
    return { items: list.items.map(subscriptionView), nextCursor: null };
  }

  @ApiAnswer(204)
  @ApiErrors(403)
  @Delete('push-subscriptions/:id')
  @HttpCode(204)
  async unsubscribe(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.notifications.call('Unsubscribe', { id }, principal.scope);
  }
}
