import { Injectable } from '@nestjs/common';
import { derivedEventId, InboxUpdated } from '@omnibox/contracts';
import { EventBus } from '@omnibox/messaging';
import type { SidebarAnnouncer } from '../../application/ports';

/**
 * Announces `conversations.inbox.updated` on JetStream rather than on a Redis channel (the way typing
 * travels): the gateway's realtime consumer turns it into `inbox.updated` frames in the same replayable
 * stream as every other frame, so a client that reconnects with `?after=` still learns that its sidebar
 * changed, and nothing is lost while no gateway listens. The id is derived from what changed, so
 * announcing a change again (a redelivery) is dropped by JetStream.
 */
@Injectable()
export class JetStreamSidebarAnnouncer implements SidebarAnnouncer {
  constructor(private readonly bus: EventBus) {}

  async changed(workspaceId: string, key: string, users: 'everyone' | string[]): Promise<void> {
    const event = InboxUpdated.create({ workspaceId, aggregateId: workspaceId, data: { everyone: users === 'everyone', userIds: users === 'everyone' ? [] : users } });
    await this.bus.publish({ ...event, id: derivedEventId(`inbox-updated:${key}`) });
  }
}
