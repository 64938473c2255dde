import { Injectable, OnModuleInit } from '@nestjs/common';
import { ThreadAccessChanged } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { ApplyThreadAccess } from '../../application/apply-thread-access';

/**
 * Consumes `conversations.thread.access_changed` (durable `contacts-thread-access`): the conversations
 * service announces every change of a thread's assignee, team, collaborators or mentions on its own
 * subject, so this consumer is not woken by every message.
 */
@Injectable()
export class ThreadAccessConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly applyThreadAccess: ApplyThreadAccess,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'contacts-thread-access',
      filter: '*.conversations.thread.access_changed',
      concurrency: 8,
      // Idempotent (an older thread state never overwrites a newer one), so no processed-event bookkeeping.
      processed: undefined,
      handle: async (event) => {
        if (ThreadAccessChanged.is(event)) await this.applyThreadAccess.execute(event.workspaceId, event.data);
      },
    });
  }
}
