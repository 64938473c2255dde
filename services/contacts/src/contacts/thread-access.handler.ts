import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ThreadUpdated } from '@omnibox/contracts';
import { ConsumerRegistry, Outbox } from '@omnibox/messaging';
import { COLLECTIONS, ContactDoc } from './contacts.store';

const ACCESS_FIELDS = ['assigneeId', 'teamId', 'collaboratorIds', 'mentionedUntil'];

/**
 * Who may see a contact follows its thread (VIS-2/3): assignment, team, collaborators and mentions
 * are owned by the conversations service, which announces every change.
 */
@Injectable()
export class ThreadAccessHandler implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'contacts-thread-access',
      filter: '*.conversations.thread.updated',
      concurrency: 8,
      // Idempotent (guarded by accessAt), so no processed-event bookkeeping for every thread change.
      processed: undefined,
      handle: async (event) => {
        if (!ThreadUpdated.is(event)) return;
        const { thread, changed } = event.data;
        if (!changed.some((field) => ACCESS_FIELDS.includes(field))) return;
        const access = { assigneeId: thread.assigneeId, teamId: thread.teamId, collaboratorIds: thread.collaboratorIds, mentionedUntil: thread.mentionedUntil };
        // An older thread state (a redelivery after a newer one) never overwrites a newer one.
        // Through the outbox's per-document lock: FerretDB rewrites the whole document on update, so
        // this must not interleave with the contact's other writes.
        await this.outbox.update<ContactDoc>(
          COLLECTIONS.contacts,
          { _id: thread.contactId, workspaceId: event.workspaceId, $or: [{ accessAt: { $exists: false } }, { accessAt: { $lte: thread.updatedAt } }] },
          { $set: { access, accessAt: thread.updatedAt } },
          [],
        );
      },
    });
  }
}
