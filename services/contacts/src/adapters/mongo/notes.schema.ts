import { withOutbox } from '@omnibox/messaging';
import { Schema } from 'mongoose';

/** A static note on a contact (SRC-4), as stored in `notes`; ids grow with time, so they order the list. */
export interface NoteDocument {
  _id: string;
  workspaceId: string;
  contactId: string;
  text: string;
  authorId: string;
  createdAt: Date;
}

export const NOTE_MODEL = 'Note';

export const NoteSchema = withOutbox(
  new Schema<NoteDocument>(
    {
      _id: { type: String, required: true },
      workspaceId: { type: String, required: true },
      contactId: { type: String, required: true },
      text: { type: String, required: true },
      authorId: { type: String, required: true },
      createdAt: { type: Date, required: true },
    },
    { collection: 'notes', versionKey: false },
  ),
);

// A contact's notes, newest first, paged by id (and the ones a merge moves).
NoteSchema.index({ workspaceId: 1, contactId: 1, _id: -1 });
