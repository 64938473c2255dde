import { Module } from '@nestjs/common';
import { NotificationsGatewayModule } from '../notifications/notifications.module';
import { NotificationFramesConsumer } from '../realtime/notification-frames.consumer';
import { RealtimePresence } from '../realtime/presence';
import { RealtimeConsumer } from '../realtime/realtime.consumer';
import { RealtimeController } from '../realtime/realtime.controller';
import { RealtimeHub } from '../realtime/realtime.hub';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { SIDEBAR_SOURCE } from '../realtime/sidebar-source';
import { SidebarPushes } from '../realtime/sidebar-pushes';
import { InboxSidebars } from './inbox-sidebars';
import { InboxClient } from './inbox.client';
import { InboxController } from './inbox.controller';

/**
 * API.md "Inbox" and "Realtime" in the gateway: the inbox's HTTP face over its gRPC service, and the
 * realtime WebSocket hub, which must live where the sockets are. Realtime reads sidebars through its
 * own port (SIDEBAR_SOURCE), provided here, so realtime never imports inbox.
 */
@Module({
  imports: [NotificationsGatewayModule],
  controllers: [InboxController, RealtimeController],
  providers: [InboxClient, { provide: SIDEBAR_SOURCE, useClass: InboxSidebars }, SidebarPushes, RealtimePublisher, RealtimeConsumer, NotificationFramesConsumer, RealtimePresence, RealtimeHub],
})
export class InboxModule {}
