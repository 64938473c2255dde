import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { CONTACTS, ContactRepository, NotePage, NOTES, NoteRepository } from './ports';
import { visibleContact } from './visible-contact';

/** SRC-4: the contact's notes, newest first, a page at a time. */
@Injectable()
export class ListNotes {
  constructor(
    @Inject(CONTACTS) private readonly contacts: ContactRepository,
    @Inject(NOTES) private readonly notes: NoteRepository,
  ) {}

  async execute(caller: CallerScope, contactId: string, page: { limit: number; cursor?: string }): Promise<NotePage> {
    await visibleContact(this.contacts, caller, contactId);
    // API.md lists: 50 by default, at most 200.
    const limit = Math.min(Math.max(page.limit || 50, 1), 200);
    return this.notes.page(caller.workspaceId, contactId, limit, page.cursor || undefined);
  }
}
