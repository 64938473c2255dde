import { Injectable } from '@nestjs/common';
import type { ThreadSnapshot } from '@omnibox/contracts';
import { ConversationsStore } from '../../../conversations/conversations.store';
import { stateOf } from '../../../conversations/threads.repository';
import { snapshotOf } from '../../../domain/thread';
import type { ThreadSnapshots } from '../../application/ports';

/**
 * The threads as events carry them, read from the conversations side's own storage for a rebuild: the
 * one place the inbox reaches into the thread store (only `npm run inbox:rebuild` uses it), so it moves
 * with that store's repository.
 */
@Injectable()
export class StoredThreadSnapshots implements ThreadSnapshots {
  constructor(private readonly store: ConversationsStore) {}

  async *all(workspaceId?: string): AsyncIterable<{ workspaceId: string; thread: ThreadSnapshot }> {
    for await (const doc of this.store.threads.find(workspaceId ? { workspaceId } : {}, { projection: { _outbox: 0, _outboxRev: 0, _outboxAt: 0 } })) {
      yield { workspaceId: doc.workspaceId, thread: snapshotOf(stateOf(doc)) };
    }
  }
}
