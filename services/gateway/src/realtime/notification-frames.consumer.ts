import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventEnvelope, NotificationsChanged } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import type { NotificationFrames } from './realtime.messages';
import { RealtimePublisher } from './realtime.publisher';

/**
 * Turns `notifications.notification.changed` into realtime frames (API.md "Notifications":
 * `notification.created`, `.updated`, `.read`), once for all gateway replicas, each frame for its user
 * only. One event becomes one entry of the workspace's stream with every user's frames, so a client
 * that resumes with `?after=` gets them too. A redelivery repeats frames (same `id`), never loses them.
 */
@Injectable()
export class NotificationFramesConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly publisher: RealtimePublisher,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'gateway-notifications',
      filter: `*.${NotificationsChanged.type}`,
      types: [NotificationsChanged.type],
      concurrency: 16,
      // One workspace's frames in order: a created frame before the updates of the same notification.
      partitionKey: (event) => event.workspaceId,
      backoffMs: 200,
      processed: undefined,
      handle: (event) => this.handle(event),
    });
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!NotificationsChanged.is(event)) return;
    const byUser: NotificationFrames = {};
    for (const frame of event.data.frames) {
      const data = frame.type === 'notification.read' ? { ids: frame.ids, all: frame.all } : frame.notification;
      (byUser[frame.userId] ??= []).push({ type: frame.type, data });
    }
    await this.publisher.publish({ id: event.id, workspaceId: event.workspaceId, occurredAt: event.occurredAt, type: 'notifications', thread: null, data: byUser, users: Object.keys(byUser) });
  }
}
