import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@omnibox/contracts';
import { Outbox, OUTBOX_FIELDS } from '@omnibox/messaging';
import { Batcher, InsertOutcome } from '@omnibox/platform';
import type { Calls, VersionedCall } from '../../application/ports';
import type { CallState } from '../../domain/call';
import { CALL_MODEL, CallDocument, CallModel } from './calls.schema';

type StoredCall = CallDocument & { _outbox?: unknown; _outboxRev?: unknown; _outboxAt?: unknown };
type NewCall = { doc: CallDocument & { _id: string }; events: EventEnvelope[] };

function toCall(doc: StoredCall): VersionedCall {
  const { _id, _outbox, _outboxRev, _outboxAt, ...call } = doc;
  return { id: _id, ...call, answeredAt: call.answeredAt ?? null, endedAt: call.endedAt ?? null, endReason: call.endReason ?? null, answeredBy: call.answeredBy ?? null, providerCallId: call.providerCallId ?? null, transcript: call.transcript ?? null };
}

/** `calls` through its model: versioned writes that carry their events (outbox). */
@Injectable()
export class CallsRepository implements Calls {
  /**
   * New calls that arrive together (a burst of provider events) share one outbox insertMany: four
   * commands for the batch instead of four per call (a marker, the insert, the clean-up and the
   * marker's removal), which made one call's creation most of the ingress handler's time.
   */
  private readonly creating = new Batcher<NewCall, InsertOutcome>((_key, entries) => this.outbox.insertMany(this.model, entries), 100, 2);

  constructor(
    @InjectModel(CALL_MODEL) private readonly model: CallModel,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async find(id: string): Promise<VersionedCall | null> {
    const doc = await this.model.findById(id).select(OUTBOX_FIELDS).lean<StoredCall>().exec();
    return doc ? toCall(doc) : null;
  }

  async findByProviderId(workspaceId: string, channelId: string, providerCallId: string): Promise<VersionedCall | null> {
    const docs = await this.model.find({ providerCallId }).select(OUTBOX_FIELDS).lean<StoredCall[]>().exec();
    const doc = docs.find((entry) => entry.workspaceId === workspaceId && entry.channelId === channelId);
    return doc ? toCall(doc) : null;
  }

  async ofContact(contactId: string): Promise<VersionedCall[]> {
    const docs = await this.model.find({ contactId }).select(OUTBOX_FIELDS).lean<StoredCall[]>().exec();
    return docs.map(toCall);
  }

  async live(): Promise<VersionedCall[]> {
    // Two equality reads: FerretDB serves `$in` by reading every document.
    const [ringing, ongoing] = await Promise.all(['ringing', 'ongoing'].map((status) => this.model.find({ status }).select(OUTBOX_FIELDS).lean<StoredCall[]>().exec()));
    return [...ringing, ...ongoing].map(toCall);
  }

  async create(call: CallState, events: EventEnvelope[]): Promise<boolean> {
    const { id, ...state } = call;
    return (await this.creating.request('', { doc: { _id: id, version: 1, ...state }, events })) === 'inserted';
  }

  async update(id: string, version: number, changes: Partial<CallState>, events: EventEnvelope[]): Promise<VersionedCall | null> {
    const doc = await this.outbox.update<StoredCall>(this.model, { _id: id, version }, { $set: changes, $inc: { version: 1 } }, events);
    return doc ? toCall(doc) : null;
  }
}
