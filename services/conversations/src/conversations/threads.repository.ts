import { Inject, Injectable } from '@nestjs/common';
import {
  derivedEventId,
  EventActor,
  EventEnvelope,
  THREAD_ACCESS_FIELDS,
  ThreadAccessChanged,
  ThreadSnapshot,
  ThreadUpdated,
  TimelineEventRecorded,
  TimelineEventSnapshot,
} from '@omnibox/contracts';
import { EventBus, Outbox } from '@omnibox/messaging';
import { AppError, currentCorrelationId, isDuplicateKeyError } from '@omnibox/platform';
import { createHash } from 'node:crypto';
import { ObjectId } from 'mongodb';
import { COLLECTIONS, ConversationsStore, ThreadDoc, TimelineDoc } from './conversations.store';
import { EventDraft, ThreadState, Transition, changedFields, snapshotOf } from '../domain/thread';

export const newId = () => new ObjectId().toHexString();

/** A stable id (24 hex) derived from a key: the same work done again produces the same records. */
export const derivedId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 24);


/** The plain thread state of a stored document. */
export function stateOf(doc: ThreadDoc): ThreadState {
  const { _id, version, ...state } = doc as ThreadDoc & Record<string, unknown>;
  for (const key of Object.keys(state)) if (key.startsWith('_')) delete (state as Record<string, unknown>)[key];
  return state as unknown as ThreadState;
}

export interface Applied {
  doc: ThreadDoc;
  snapshot: ThreadSnapshot;
  recorded: TimelineEventSnapshot[];
  changed: string[];
}

/** What a write announces besides the thread update and its timeline events (e.g. the message). */
export type ExtraEvents = (snapshot: ThreadSnapshot, recorded: TimelineEventSnapshot[]) => EventEnvelope[];

const MAX_ATTEMPTS = 8;

/**
 * Reads and writes threads. A change is computed by a pure transition on the current state and
 * written only if nobody wrote the thread meanwhile (`version`); otherwise it is recomputed on the
 * fresh state. The write carries its events (outbox), and the timeline entries follow it.
 */
@Injectable()
export class ThreadsRepository {
  constructor(
    private readonly store: ConversationsStore,
    @Inject(Outbox) private readonly outbox: Outbox,
    private readonly bus: EventBus,
  ) {}

  find(contactId: string): Promise<ThreadDoc | null> {
    return this.store.threads.findOne({ _id: contactId }, { projection: { _outbox: 0, _outboxRev: 0, _outboxAt: 0 } });
  }

  /** Creates the thread if it does not exist yet (two creators race safely); answers the stored one. */
  async ensure(initial: ThreadState): Promise<ThreadDoc> {
    try {
      const doc: ThreadDoc = { _id: initial.contactId, version: 1, ...initial };
      await this.outbox.insert(COLLECTIONS.threads, doc, [this.threadEvent(initial, Object.keys(initial), undefined)]);
      return doc;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.find(initial.contactId);
      if (!existing) throw error;
      return existing;
    }
  }

  /**
   * Applies `transition` to the thread and records what it produced. Answers null when the
   * transition does nothing (and nothing is written).
   *
   * With `redoKey` (work that is itself redelivered until done, such as an ingested provider event),
   * every record and event id is derived from the key, timeline entries are written before the thread
   * and events are published straight after it: if the process dies in between, the redelivery
   * writes the same records and publishes the same events again (JetStream drops the repeats). That
   * saves the outbox round trips on the hottest path. Otherwise the events travel in the thread's
   * outbox, in the same write.
   */
  async apply(
    doc: ThreadDoc,
    transition: (state: ThreadState) => Transition | null,
    options: { actor?: EventActor; extra?: ExtraEvents; force?: boolean; redoKey?: string } = {},
  ): Promise<Applied | null> {
    let current = doc;
    const { redoKey } = options;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const before = stateOf(current);
      const result = transition(before);
      if (!result) return null;
      const changed = changedFields(before, result.state).filter((key) => key !== 'updatedAt');
      if (changed.length === 0 && result.events.length === 0 && !options.force) return null;
      const snapshot = snapshotOf(result.state);
      const recorded = result.events.map((draft, index) =>
        this.timelineEvent(current.contactId, draft, draft.at ?? result.state.updatedAt, redoKey ? derivedId(`${redoKey}|event|${index}|${draft.type}`) : newId()),
      );
      const events = this.eventsOf(current, result.state, snapshot, changed, recorded, options);
      if (redoKey) await this.recordTimeline(current.workspaceId, recorded);
      const set: Record<string, unknown> = { updatedAt: result.state.updatedAt };
      for (const key of changed) set[key] = result.state[key as keyof ThreadState];
      const filter = { _id: current._id, version: current.version };
      const update = { $set: set, $inc: { version: 1 } };
      // Redone work publishes its own events and knows the result, so a plain update is enough.
      const written = redoKey
        ? (await this.outbox.updateOneDocument(COLLECTIONS.threads, filter, update))
          ? ({ ...current, ...result.state, version: current.version + 1 } as ThreadDoc)
          : null
        : await this.outbox.update<ThreadDoc>(COLLECTIONS.threads, filter, update, events);
      if (written) {
        if (redoKey) await Promise.all(events.map((event) => this.bus.publish(event)));
        else if (recorded.length) await this.store.timeline.insertMany(recorded.map((event) => this.timelineDoc(current.workspaceId, event)));
        return { doc: written, snapshot, recorded, changed };
      }
      const fresh = await this.find(current._id);
      if (!fresh) throw new AppError(404, 'not_found', 'Conversation was not found');
      current = fresh;
    }
    throw new AppError(409, 'conflict', 'The conversation changed too often meanwhile; retry');
  }

  /** Publishes again what a redone piece of work announced (same ids), with the thread as it is now. */
  async republish(doc: ThreadDoc, redoKey: string, changed: string[], extra: ExtraEvents, actor?: EventActor): Promise<void> {
    const state = stateOf(doc);
    const events = this.eventsOf(doc, state, snapshotOf(state), changed, [], { actor, extra, redoKey });
    for (const event of events) await this.bus.publish(event);
  }

  private eventsOf(
    current: ThreadDoc,
    state: ThreadState,
    snapshot: ThreadSnapshot,
    changed: string[],
    recorded: TimelineEventSnapshot[],
    options: { actor?: EventActor; extra?: ExtraEvents; redoKey?: string },
  ): EventEnvelope[] {
    const correlationId = currentCorrelationId();
    const accessChanged = changed.some((field) => (THREAD_ACCESS_FIELDS as readonly string[]).includes(field));
    const events = [
      ...(changed.length ? [this.threadEvent(state, changed, options.actor)] : []),
      ...(accessChanged
        ? [
            ThreadAccessChanged.create({
              workspaceId: current.workspaceId,
              aggregateId: current._id,
              data: { contactId: current._id, access: { assigneeId: state.assigneeId, teamId: state.teamId, collaboratorIds: state.collaboratorIds, mentionedUntil: state.mentionedUntil }, at: state.updatedAt },
              actor: options.actor,
              correlationId,
            }),
          ]
        : []),
      ...recorded.map((event) =>
        TimelineEventRecorded.create({ workspaceId: current.workspaceId, aggregateId: current._id, data: { event, thread: snapshot }, actor: options.actor, correlationId }),
      ),
      ...(options.extra ? options.extra(snapshot, recorded) : []),
    ];
    if (!options.redoKey) return events;
    // One id per kind of announcement of this work (timeline events by their own id), so a republish
    // after a crash carries the ids of the first attempt whatever else happened meanwhile.
    return events.map((event) => {
      const timelineEventId = TimelineEventRecorded.is(event) ? event.data.event.id : '';
      return { ...event, id: derivedEventId(`${options.redoKey}|${event.type}|${timelineEventId}`) };
    });
  }

  /** Stores timeline entries of events recorded elsewhere (e.g. replayed); an entry already there is kept. */
  async recordTimeline(workspaceId: string, events: TimelineEventSnapshot[]): Promise<void> {
    for (const event of events) {
      try {
        await this.store.timeline.insertOne(this.timelineDoc(workspaceId, event));
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }

  private timelineDoc(workspaceId: string, event: TimelineEventSnapshot): TimelineDoc {
    return { _id: event.id, workspaceId, contactId: event.contactId, kind: 'event', at: event.createdAt, visible: true, item: event };
  }

  private timelineEvent(contactId: string, draft: EventDraft, at: string, id: string): TimelineEventSnapshot {
    return {
      kind: 'event',
      id,
      contactId,
      category: draft.category,
      type: draft.type,
      source: draft.source,
      actorId: draft.actorId,
      data: draft.data ?? null,
      referral: draft.referral ?? null,
      createdAt: at,
    };
  }

  private threadEvent(state: ThreadState, changed: string[], actor: EventActor | undefined) {
    return ThreadUpdated.create({ workspaceId: state.workspaceId, aggregateId: state.contactId, data: { thread: snapshotOf(state), changed }, actor, correlationId: currentCorrelationId() });
  }
}
