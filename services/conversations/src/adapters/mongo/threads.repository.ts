import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope, ThreadSnapshot } from '@omnibox/contracts';
import { Outbox, OUTBOX_FIELDS } from '@omnibox/messaging';
import { InsertBatcher, InsertTarget, isDuplicateKeyError } from '@omnibox/platform';
import type { Threads, VersionedThread } from '../../application/ports';
import { snapshotOf, ThreadState } from '../../domain/thread';
import { THREAD_MODEL, ThreadDocument, ThreadModel } from './threads.schema';

type StoredThread = ThreadDocument & { _outbox?: unknown; _outboxRev?: unknown; _outboxAt?: unknown };

/** The thread of a stored document (without its `_id` and outbox fields). */
function toThread(doc: StoredThread): VersionedThread {
  const { _id, _outbox, _outboxRev, _outboxAt, ...thread } = doc;
  return thread;
}

/** Every thread (of a workspace, or all) as read models see it, for rebuilding them (`npm run inbox:rebuild`). */
export async function* threadSnapshots(model: ThreadModel, workspaceId?: string): AsyncGenerator<{ workspaceId: string; thread: ThreadSnapshot }> {
  const cursor = model.find(workspaceId ? { workspaceId } : {}).select(OUTBOX_FIELDS).lean<StoredThread>().cursor();
  for await (const doc of cursor) {
    const { version: _version, ...state } = toThread(doc as StoredThread);
    yield { workspaceId: state.workspaceId, thread: snapshotOf(state) };
  }
}

/** `threads` through its model: versioned writes that carry their events (outbox). */
@Injectable()
export class ThreadsRepository implements Threads {
  /** New contacts' threads (a burst of first messages): one `insertMany` for the callers of the same moment. */
  private readonly created: InsertBatcher<ThreadDocument>;

  constructor(
    @InjectModel(THREAD_MODEL) private readonly model: ThreadModel,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {
    this.created = new InsertBatcher(model as unknown as InsertTarget<ThreadDocument>);
  }

  async find(contactId: string): Promise<VersionedThread | null> {
    const doc = await this.model.findById(contactId).select(OUTBOX_FIELDS).lean<StoredThread>().exec();
    return doc ? toThread(doc) : null;
  }

  async create(thread: ThreadState, events: EventEnvelope[]): Promise<boolean> {
    try {
      await this.outbox.insert(this.model, { _id: thread.contactId, version: 1, ...thread }, events);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async createUnannounced(thread: ThreadState): Promise<boolean> {
    return (await this.created.insert({ _id: thread.contactId, version: 1, ...thread })) === 'inserted';
  }

  async update(contactId: string, version: number, changes: Partial<ThreadState>, events: EventEnvelope[]): Promise<VersionedThread | null> {
    const doc = await this.outbox.update<StoredThread>(this.model, { _id: contactId, version }, { $set: changes, $inc: { version: 1 } }, events);
    return doc ? toThread(doc) : null;
  }

  updateUnannounced(contactId: string, version: number, changes: Partial<ThreadState>): Promise<boolean> {
    return this.outbox.updateOneDocument(this.model, { _id: contactId, version }, { $set: changes, $inc: { version: 1 } });
  }

  async snoozed(): Promise<Array<{ workspaceId: string; contactId: string; until: string }>> {
    const docs = await this.model.find({ status: 'snoozed' }).select({ workspaceId: 1, snoozedUntil: 1 }).lean<Array<Pick<ThreadDocument, '_id' | 'workspaceId' | 'snoozedUntil'>>>().exec();
    return docs.filter((doc) => doc.snoozedUntil).map((doc) => ({ workspaceId: doc.workspaceId, contactId: doc._id, until: doc.snoozedUntil as string }));
  }

  /** Every thread as read models see it (the inbox rebuild). */
  snapshots(workspaceId?: string): AsyncGenerator<{ workspaceId: string; thread: ThreadSnapshot }> {
    return threadSnapshots(this.model, workspaceId);
  }
}
