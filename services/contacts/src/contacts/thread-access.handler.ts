import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ThreadAccessChanged } from '@omnibox/contracts';
import { ConsumerRegistry, Outbox } from '@omnibox/messaging';
import { COLLECTIONS, ContactDoc } from './contacts.store';

/**
 * Who may see a contact follows its thread (VIS-2/3): assignment, team, collaborators and mentions
 * are owned by the conversations service, which announces every change of them on its own subject
 * (so this consumer is not woken by every message).
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
      filter: '*.conversations.thread.access_changed',
      concurrency: 8,
      // Idempotent (guarded by accessAt), so no processed-event bookkeeping.
      processed: undefined,
      handle: async (event) => {
        if (!ThreadAccessChanged.is(event)) return;
        const { contactId, access, at } = event.data;
        // Through the outbox's per-document lock: FerretDB rewrites the whole document on update, so
        // this must not interleave with the contact's other writes. An older thread state (a
        // redelivery after a newer one) never overwrites a newer one.
        await this.outbox.update<ContactDoc>(
          COLLECTIONS.contacts,
          { _id: contactId, workspaceId: event.workspaceId, $or: [{ accessAt: { $exists: false } }, { accessAt: { $lte: at } }] },
          { $set: { access, accessAt: at } },
          [],
        );
      },
    });
  }
}
