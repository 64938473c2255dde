import { Injectable } from '@nestjs/common';
import { derivedEventId, EventEnvelope, NotificationFrame, NotificationsChanged, PushRequested } from '@omnibox/contracts';
import { EventBus } from '@omnibox/messaging';
import type { Announcer, PushRequest } from '../../application/ports';

/** Frames per `notifications.notification.changed` event: a large team's message stays a small event. */
const FRAMES_PER_EVENT = 100;

/**
 * Publishes what changed in the centre (`notifications.notification.changed`, for the gateway's
 * realtime hub) and the pushes to send (`notifications.push.requested`, for the push worker). Ids are
 * derived from the work, so announcing it again after a crash is dropped by JetStream (and the push
 * ledger sends a push once even past JetStream's de-duplication window).
 */
@Injectable()
export class JetStreamAnnouncer implements Announcer {
  constructor(private readonly bus: EventBus) {}

  async announce(workspaceId: string, key: string, frames: NotificationFrame[], pushes: PushRequest[]): Promise<void> {
    const events: EventEnvelope[] = [];
    for (let i = 0; i < frames.length; i += FRAMES_PER_EVENT) {
      const event = NotificationsChanged.create({ workspaceId, aggregateId: workspaceId, data: { frames: frames.slice(i, i + FRAMES_PER_EVENT) } });
      events.push({ ...event, id: derivedEventId(`notifications-changed|${key}|${i}`) });
    }
    for (const { id, ...push } of pushes) {
      events.push({ ...PushRequested.create({ workspaceId, aggregateId: push.subscriptionId, data: push }), id });
    }
    await Promise.all(events.map((event) => this.bus.publish(event)));
  }
}
