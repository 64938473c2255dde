import { Injectable, OnModuleInit } from '@nestjs/common';
import { ThreadUpdated } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { ProjectThread } from '../../application/project-thread';

/**
 * Durable `conversations-inbox`: thread updates move rows, series and open counts, and light dots
 * when they bring an incoming message (INB-6). It reads only
 * `conversations.thread.updated` (a consumer reading every event would be handed, and would skip,
 * every provider event and message too). Idempotent by construction (older
 * snapshots are ignored, writes are absolute), so no per-event bookkeeping round trips.
 */
@Injectable()
export class ThreadUpdatesConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly projectThread: ProjectThread,
  ) {}

  onModuleInit() {
    // It lit dots from `conversations.message.created`; the thread update that comes with each incoming message does now.
    this.registry.retire('conversations-inbox-dots');
    this.registry.add({
      durable: 'conversations-inbox',
      filter: `*.${ThreadUpdated.type}`,
      // Each handler waits for the sidebar announcement it joins (up to GATHER_MS), so more run at once.
      concurrency: 32,
      processed: undefined,
      handle: async (event, delivery) => {
        if (!ThreadUpdated.is(event)) return;
        const { workspaceId, id: eventId, occurredAt } = event;
        await this.projectThread.execute({ workspaceId, eventId, occurredAt, thread: event.data.thread, changed: event.data.changed, redelivered: delivery.deliveries > 1 });
      },
    });
  }
}
