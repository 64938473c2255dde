import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@omnibox/contracts';
import { Outbox } from '@omnibox/messaging';
import type { Model } from 'mongoose';
import type { Note, NotePage, NoteRepository } from '../../application/ports';
import { NOTE_MODEL, NoteDocument } from './notes.schema';

const toNote = ({ _id, workspaceId, contactId, text, authorId, createdAt }: NoteDocument): Note => ({ id: _id, workspaceId, contactId, text, authorId, createdAt });

/** `notes` through its model; a new note carries its event (the outbox). */
@Injectable()
export class MongoNoteRepository implements NoteRepository {
  constructor(
    @InjectModel(NOTE_MODEL) private readonly model: Model<NoteDocument>,
    private readonly outbox: Outbox,
  ) {}

  add(note: Note, events: EventEnvelope[]): Promise<void> {
    const { id, ...rest } = note;
    return this.outbox.insert(this.model, { _id: id, ...rest }, events);
  }

  async page(workspaceId: string, contactId: string, limit: number, cursor?: string): Promise<NotePage> {
    const filter: Record<string, unknown> = { workspaceId, contactId };
    if (cursor) filter._id = { $lt: cursor };
    const rows = await this.model.find(filter).sort({ _id: -1 }).limit(limit + 1).lean<NoteDocument[]>().exec();
    const items = rows.slice(0, limit).map(toNote);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  async moveToContact(workspaceId: string, fromContactId: string, toContactId: string): Promise<void> {
    // No clean-up write of a just-added note's events may interleave with the move (FerretDB rewrites whole documents).
    await this.outbox.settled();
    await this.model.updateMany({ workspaceId, contactId: fromContactId }, { $set: { contactId: toContactId } }).exec();
  }
}
