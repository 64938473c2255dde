import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@omnibox/contracts';
import { Outbox, OUTBOX_FIELDS } from '@omnibox/messaging';
import { isDuplicateKeyError } from '@omnibox/platform';
import type { Calls, VersionedCall } from '../../application/ports';
import type { CallState } from '../../domain/call';
import { CALL_MODEL, CallDocument, CallModel } from './calls.schema';

type StoredCall = CallDocument & { _outbox?: unknown; _outboxRev?: unknown; _outboxAt?: unknown };

function toCall(doc: StoredCall): VersionedCall {
  const { _id, _outbox, _outboxRev, _outboxAt, ...call } = doc;
  return { id: _id, ...call, answeredAt: call.answeredAt ?? null, endedAt: call.endedAt ?? null, endReason: call.endReason ?? null, answeredBy: call.answeredBy ?? null, providerCallId: call.providerCallId ?? null, transcript: call.transcript ?? null };
}

/** `calls` through its model: versioned writes that carry their events (outbox). */
@Injectable()
export class CallsRepository implements Calls {
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
    try {
      await this.outbox.insert(this.model, { _id: id, version: 1, ...state }, events);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async update(id: string, version: number, changes: Partial<CallState>, events: EventEnvelope[]): Promise<VersionedCall | null> {
    const doc = await this.outbox.update<StoredCall>(this.model, { _id: id, version }, { $set: changes, $inc: { version: 1 } }, events);
    return doc ? toCall(doc) : null;
  }
}
