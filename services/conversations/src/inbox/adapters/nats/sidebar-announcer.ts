import { Injectable } from '@nestjs/common';
import { derivedEventId, InboxUpdated } from '@omnibox/contracts';
import { EventBus } from '@omnibox/messaging';
import type { SidebarAnnouncer } from '../../application/ports';

/**
 * How long the changes of one workspace gather into one announcement. Issue #19: every new contact's
 * thread moved the counts and lit dots, two `inbox.updated` events of its own, so 2 of the 5 events per
 * new contact, each a JetStream publish here and a delivery, Redis frame and socket push in the gateway
 * (its realtime consumer was about a third of its CPU). The gateway reads each user's sidebar afresh
 * on a frame, so one frame for what changed within this window tells every user what many did.
 */
export const GATHER_MS = 25;

interface Gathering {
  keys: string[];
  everyone: boolean;
  users: Set<string>;
  waiting: Array<{ resolve(): void; reject(error: unknown): void }>;
}

/**
 * Announces `conversations.inbox.updated` on JetStream rather than on a Redis channel (the way typing
 * travels): the gateway's realtime consumer turns it into `inbox.updated` frames in the same replayable
 * stream as every other frame, so a client that reconnects with `?after=` still learns that its sidebar
 * changed, and nothing is lost while no gateway listens. The changes of a workspace within GATHER_MS
 * share one announcement (to everyone if any was, else to every user named), and each caller is
 * answered once it is published, so an event is acknowledged only after its change was announced.
 * The id is derived from the changes it covers, so announcing the same changes again (a redelivery)
 * is dropped by JetStream.
 */
@Injectable()
export class JetStreamSidebarAnnouncer implements SidebarAnnouncer {
  private readonly gathering = new Map<string, Gathering>();

  constructor(private readonly bus: EventBus) {}

  changed(workspaceId: string, key: string, users: 'everyone' | string[]): Promise<void> {
    let batch = this.gathering.get(workspaceId);
    if (!batch) {
      const started: Gathering = { keys: [], everyone: false, users: new Set(), waiting: [] };
      this.gathering.set(workspaceId, started);
      // Not unref'd: a consumer draining at shutdown waits for its handlers, which wait for this.
      setTimeout(() => void this.announce(workspaceId, started), GATHER_MS);
      batch = started;
    }
    batch.keys.push(key);
    if (users === 'everyone') batch.everyone = true;
    else for (const user of users) batch.users.add(user);
    const gathered = batch;
    return new Promise<void>((resolve, reject) => gathered.waiting.push({ resolve, reject }));
  }

  private async announce(workspaceId: string, batch: Gathering): Promise<void> {
    if (this.gathering.get(workspaceId) === batch) this.gathering.delete(workspaceId);
    const userIds = batch.everyone ? [] : [...batch.users];
    const event = InboxUpdated.create({ workspaceId, aggregateId: workspaceId, data: { everyone: batch.everyone, userIds } });
    const key = batch.keys.length === 1 ? batch.keys[0] : [...batch.keys].sort().join('|');
    try {
      await this.bus.publish({ ...event, id: derivedEventId(`inbox-updated:${key}`) });
      for (const waiting of batch.waiting) waiting.resolve();
    } catch (error) {
      for (const waiting of batch.waiting) waiting.reject(error);
    }
  }
}
