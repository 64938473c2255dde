import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, ContactNoteAdded } from '@omnibox/contracts';
import { announce } from './announce';
import { CONTACTS, ContactRepository, IdGenerator, IDS, Note, NOTES, NoteRepository } from './ports';
import { visibleContact } from './visible-contact';

/** SRC-4: a static note on the contact panel, by the caller (announced with `contacts.contact.note_added`). */
@Injectable()
export class AddNote {
  constructor(
    @Inject(CONTACTS) private readonly contacts: ContactRepository,
    @Inject(NOTES) private readonly notes: NoteRepository,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  async execute(caller: CallerScope, contactId: string, text: string): Promise<Note> {
    await visibleContact(this.contacts, caller, contactId);
    const note: Note = { id: this.ids.next(), workspaceId: caller.workspaceId, contactId, text, authorId: caller.principalId, createdAt: new Date() };
    await this.notes.add(note, [announce(ContactNoteAdded, caller, contactId, { contactId, noteId: note.id, authorId: note.authorId })]);
    return note;
  }
}
