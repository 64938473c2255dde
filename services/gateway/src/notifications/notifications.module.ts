import { Module } from '@nestjs/common';
import { NotificationsClient } from './notifications.client';
import { NotificationsController } from './notifications.controller';

/** API.md "Notifications" in the gateway; the client is shared with the inbox (GET /v1/inbox shows the unread count). */
@Module({ controllers: [NotificationsController], providers: [NotificationsClient], exports: [NotificationsClient] })
export class NotificationsGatewayModule {}
