import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope, MessageSnapshot } from '@omnibox/contracts';
import { Outbox, OUTBOX_FIELDS } from '@omnibox/messaging';
import { InsertBatcher, InsertOutcome, InsertTarget } from '@omnibox/platform';
import type { Timeline, TimelineEntry } from '../../application/ports';
import { TIMELINE_MODEL, TimelineDocument, TimelineModel } from './timeline.schema';

/**
 * A message's raw provider payload (MSG-7) is kept as JSON text: it is the provider's JSON, kept as sent,
 * and MongoDB (FerretDB) refuses some of it as a document (a key with a `.` or a leading `$`, a list
 * directly inside a list), which would fail an accepted message on every retry.
 */
function toDocument(entry: TimelineEntry): TimelineDocument {
  const { id, ...rest } = entry;
  const { item } = entry;
  if (item.kind !== 'message' || item.payload === null || item.payload === undefined) return { _id: id, ...rest };
  return { _id: id, ...rest, item: { ...item, payload: null }, payloadJson: JSON.stringify(item.payload) };
}

function toEntry(doc: TimelineDocument & Record<string, unknown>): TimelineEntry {
  const { _id, _outbox, _outboxRev, _outboxAt, payloadJson, ...rest } = doc;
  if (payloadJson === undefined) return { id: _id, ...rest };
  return { id: _id, ...rest, item: { ...rest.item, payload: JSON.parse(payloadJson) } as TimelineEntry['item'] };
}

/** `timeline` through its model. Ingested messages share inserts with concurrent ones (InsertBatcher). */
@Injectable()
export class TimelineRepository implements Timeline {
  /** The busy path (ingested messages): one `insertMany` for the callers of the same moment. */
  private readonly ingested: InsertBatcher<TimelineDocument>;

  constructor(
    @InjectModel(TIMELINE_MODEL) private readonly model: TimelineModel,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {
    this.ingested = new InsertBatcher(model as unknown as InsertTarget<TimelineDocument>);
  }

  addIngested(entry: TimelineEntry): Promise<InsertOutcome> {
    return this.ingested.insert(toDocument(entry));
  }

  add(entry: TimelineEntry, events: EventEnvelope[]): Promise<void> {
    return this.outbox.insert(this.model, toDocument(entry), events);
  }

  async addRecorded(entries: TimelineEntry[], options: { keepExisting: boolean }): Promise<void> {
    if (!options.keepExisting) {
      await this.model.insertMany(entries.map(toDocument), { lean: true });
      return;
    }
    // Redone work (an ingested provider event): written with the ingested messages of the same moment.
    await Promise.all(entries.map((entry) => this.ingested.insert(toDocument(entry))));
  }

  async get(id: string): Promise<TimelineEntry | null> {
    return this.one({ _id: id });
  }

  async exists(id: string): Promise<boolean> {
    return (await this.model.exists({ _id: id }).exec()) !== null;
  }

  findByProviderId(channelId: string, providerMessageId: string): Promise<TimelineEntry | null> {
    return this.one({ providerMessageId, channelId });
  }

  findByEmailMessageId(workspaceId: string, emailMessageId: string): Promise<TimelineEntry | null> {
    return this.one({ emailMessageId, workspaceId });
  }

  async latestIncoming(contactId: string, channelId: string): Promise<TimelineEntry | null> {
    // Typing and read receipts only: a thread's entries, found by contactId and sorted in memory.
    const doc = await this.model
      .findOne({ contactId, channelId, kind: 'message', 'item.direction': 'incoming', visible: true })
      .select(OUTBOX_FIELDS)
      .sort({ at: -1, _id: -1 })
      .lean<TimelineDocument>()
      .exec();
    return doc ? toEntry(doc as TimelineDocument & Record<string, unknown>) : null;
  }

  async pendingBefore(contactId: string, message: { id: string; at: string }): Promise<boolean> {
    // A thread's entries, found by contactId: one read per delivery attempt, not per incoming message.
    const earlier = await this.model
      .exists({ contactId, kind: 'message', 'item.status': 'pending', delivery: { $exists: true }, $or: [{ at: { $lt: message.at } }, { at: message.at, _id: { $lt: message.id } }] })
      .exec();
    return earlier !== null;
  }

  async countDeliveryAttempt(id: string): Promise<number> {
    // No projection: FerretDB does not implement findAndModify's `fields` ("not implemented yet").
    const doc = await this.model.findOneAndUpdate({ _id: id }, { $inc: { 'delivery.attempts': 1 } }, { new: true }).lean<TimelineDocument>().exec();
    return doc?.delivery?.attempts ?? 0;
  }

  async page(workspaceId: string, contactId: string, before: { at: string; id: string } | null, limit: number): Promise<TimelineEntry[]> {
    const filter: Record<string, unknown> = { contactId, visible: true, workspaceId };
    if (before) filter.$or = [{ at: { $lt: before.at } }, { at: before.at, _id: { $lt: before.id } }];
    const docs = await this.model.find(filter).select(OUTBOX_FIELDS).sort({ at: -1, _id: -1 }).limit(limit).lean<TimelineDocument[]>().exec();
    return docs.map((doc) => toEntry(doc as TimelineDocument & Record<string, unknown>));
  }

  async setMessageStatus(id: string, change: { status: MessageSnapshot['status']; error: string | null; providerMessageId?: string }, events: EventEnvelope[], onlyIfPending: boolean): Promise<void> {
    const set: Record<string, unknown> = { 'item.status': change.status, 'item.error': change.error };
    if (change.providerMessageId) set.providerMessageId = change.providerMessageId;
    await this.outbox.update(this.model, { _id: id, ...(onlyIfPending ? { 'item.status': 'pending' } : {}) }, { $set: set }, events);
  }

  async suppress(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { visible: false, 'item.suppressed': true } }).exec();
  }

  async remove(id: string, contactId: string): Promise<void> {
    await this.model.deleteOne({ _id: id, contactId }).exec();
  }

  async moveToContact(workspaceId: string, fromContactId: string, toContactId: string): Promise<void> {
    await this.model.updateMany({ contactId: fromContactId, workspaceId }, { $set: { contactId: toContactId, 'item.contactId': toContactId } }).exec();
  }

  async hasMergeOf(contactId: string, mergedContactId: string): Promise<boolean> {
    return (await this.model.exists({ contactId, 'item.type': 'contact_merged', 'item.data.mergedContactId': mergedContactId }).exec()) !== null;
  }

  private async one(filter: Record<string, unknown>): Promise<TimelineEntry | null> {
    const doc = await this.model.findOne(filter).select(OUTBOX_FIELDS).lean<TimelineDocument>().exec();
    return doc ? toEntry(doc as TimelineDocument & Record<string, unknown>) : null;
  }
}
