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
import { AppError, BoundedMap, currentCorrelationId } from '@omnibox/platform';
import { changedFields, EventDraft, snapshotOf, ThreadState, Transition } from '../domain/thread';
import { derivedId, newId } from './ids';
import { EVENT_PUBLISHER, EventPublisher, THREADS, Threads, TIMELINE, Timeline, TimelineEntry, VersionedThread } from './ports';

/** The plain state of a stored thread. */
export function stateOf(thread: VersionedThread): ThreadState {
  const { version: _version, ...state } = thread;
  return state;
}

export interface Applied {
  thread: VersionedThread;
  snapshot: ThreadSnapshot;
  recorded: TimelineEventSnapshot[];
  changed: string[];
}

/** What a write announces besides the thread update and its timeline events (e.g. the message). */
export type ExtraEvents = (snapshot: ThreadSnapshot, recorded: TimelineEventSnapshot[]) => EventEnvelope[];

export interface ApplyOptions {
  actor?: EventActor;
  extra?: ExtraEvents;
  /** Announce the thread even when the transition changed nothing (e.g. a comment). */
  force?: boolean;
  /** Work that is redelivered until done (an ingested provider event): see `apply`. */
  redoKey?: string;
}

const MAX_ATTEMPTS = 8;

/** How many contacts' threads a process remembers as it last wrote or read them. */
const REMEMBERED_THREADS = 20_000;

/**
 * Every change of a thread goes through here. A change is computed by a pure transition (domain/) on
 * the current state and written only if nobody wrote the thread meanwhile (`version`); otherwise it
 * is recomputed on the fresh state. The write carries its events (outbox), and the timeline entries
 * of the events it recorded follow it.
 */
@Injectable()
export class ThreadWriter {
  /**
   * Each contact's thread as this process last wrote or read it, whoever wrote it here (an incoming
   * message, an agent's reply or assignment, a call): the busy paths write on it without reading it
   * first (`remembered`). A thread written by another replica since has another version, so that write
   * misses and is redone on a fresh read: a stale copy costs a round trip, never a change.
   */
  private readonly latest = new BoundedMap<string, VersionedThread>(REMEMBERED_THREADS);

  constructor(
    @Inject(THREADS) private readonly threads: Threads,
    @Inject(TIMELINE) private readonly timeline: Timeline,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
  ) {}

  /** The stored thread, read now (and remembered). */
  async find(contactId: string): Promise<VersionedThread | null> {
    const thread = await this.threads.find(contactId);
    this.remember(contactId, thread);
    return thread;
  }

  /**
   * The thread as this process last wrote or read it, without a read, for a caller to write on;
   * undefined when it has no such copy. Never a blocked or deleted copy: callers write nothing on one,
   * so no versioned write would notice that another replica has since unblocked the contact.
   */
  remembered(contactId: string): VersionedThread | undefined {
    const copy = this.latest.get(contactId);
    return copy && !copy.deleted && !copy.contact.blocked ? copy : undefined;
  }

  /** Creates the thread if it does not exist yet (two creators race safely); answers the stored one. */
  async ensure(initial: ThreadState): Promise<VersionedThread> {
    if (await this.threads.create(initial, [this.threadEvent(initial, Object.keys(initial), undefined)])) return this.remember(initial.contactId, { ...initial, version: 1 });
    const existing = await this.find(initial.contactId);
    if (!existing) throw new AppError(409, 'conflict', 'The conversation changed too often meanwhile; retry');
    return existing;
  }

  /**
   * Writes a new thread that already holds its first piece of redone work (a new contact's first
   * message, issue #19): one insert where `ensure` and `apply` make an insert and an update. As in
   * `apply` with a `redoKey`, the timeline entries (with `alongside`, e.g. the message) are written
   * first and the events published straight after the thread, every id derived from the key; the
   * thread is announced as `ensure` announces it, with every field changed. Answers null when the
   * thread exists already: the entries this write recorded are removed again (the caller applies its
   * work to the stored thread, which records what that thread calls for).
   */
  async create(result: Transition, options: ApplyOptions & { redoKey: string }, alongside: TimelineEntry[] = []): Promise<Applied | null> {
    const { state } = result;
    const snapshot = snapshotOf(state);
    const recorded = result.events.map((draft, index) => timelineEvent(state.contactId, draft, draft.at ?? state.updatedAt, derivedId(`${options.redoKey}|event|${index}|${draft.type}`)));
    const entries = recorded.map((event) => timelineEntry(state.workspaceId, event));
    await this.timeline.addRecorded([...alongside, ...entries], { keepExisting: true });
    if (!(await this.threads.createUnannounced(state))) {
      await Promise.all(entries.map((entry) => this.timeline.remove(entry.id, state.contactId)));
      return null;
    }
    const thread = this.remember(state.contactId, { ...state, version: 1 });
    const changed = Object.keys(state);
    // No access change either: nobody could see the thread before it existed.
    const events = this.eventsOf(thread, state, snapshot, changed, recorded, options, false);
    await Promise.all(events.map((event) => this.publisher.publish(event)));
    return { thread, snapshot, recorded, changed };
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
  async apply(thread: VersionedThread, transition: (state: ThreadState) => Transition | null, options: ApplyOptions = {}): Promise<Applied | null> {
    let current = thread;
    const { redoKey } = options;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const before = stateOf(current);
      const result = transition(before);
      if (!result) return null;
      const changed = changedFields(before, result.state).filter((key) => key !== 'updatedAt');
      if (changed.length === 0 && result.events.length === 0 && !options.force) return null;
      const snapshot = snapshotOf(result.state);
      const recorded = result.events.map((draft, index) =>
        timelineEvent(current.contactId, draft, draft.at ?? result.state.updatedAt, redoKey ? derivedId(`${redoKey}|event|${index}|${draft.type}`) : newId()),
      );
      const events = this.eventsOf(current, result.state, snapshot, changed, recorded, options);
      const entries = recorded.map((event) => timelineEntry(current.workspaceId, event));
      if (redoKey) await this.timeline.addRecorded(entries, { keepExisting: true });
      const changes: Partial<ThreadState> = { updatedAt: result.state.updatedAt };
      for (const key of changed) (changes as Record<string, unknown>)[key] = result.state[key as keyof ThreadState];
      // Redone work publishes its own events and knows the result, so a plain update is enough.
      const written = redoKey
        ? (await this.threads.updateUnannounced(current.contactId, current.version, changes))
          ? { ...current, ...result.state, version: current.version + 1 }
          : null
        : await this.threads.update(current.contactId, current.version, changes, events);
      if (written) {
        this.remember(current.contactId, written);
        if (redoKey) await Promise.all(events.map((event) => this.publisher.publish(event)));
        else if (entries.length) await this.timeline.addRecorded(entries, { keepExisting: false });
        return { thread: written, snapshot, recorded, changed };
      }
      const fresh = await this.find(current.contactId);
      if (!fresh) throw new AppError(404, 'not_found', 'Conversation was not found');
      current = fresh;
    }
    throw new AppError(409, 'conflict', 'The conversation changed too often meanwhile; retry');
  }

  /** Publishes again what a redone piece of work announced (same ids), with the thread as it is now. */
  async republish(thread: VersionedThread, redoKey: string, changed: string[], extra: ExtraEvents, actor?: EventActor): Promise<void> {
    const state = stateOf(thread);
    const events = this.eventsOf(thread, state, snapshotOf(state), changed, [], { actor, extra, redoKey });
    for (const event of events) await this.publisher.publish(event);
  }

  private remember<T extends VersionedThread | null>(contactId: string, thread: T): T {
    if (thread) this.latest.set(contactId, thread);
    else this.latest.delete(contactId);
    return thread;
  }

  private eventsOf(current: VersionedThread, state: ThreadState, snapshot: ThreadSnapshot, changed: string[], recorded: TimelineEventSnapshot[], options: ApplyOptions, announceAccess = true): EventEnvelope[] {
    const correlationId = currentCorrelationId();
    const base = { workspaceId: current.workspaceId, aggregateId: current.contactId, actor: options.actor, correlationId };
    const accessChanged = announceAccess && changed.some((field) => (THREAD_ACCESS_FIELDS as readonly string[]).includes(field));
    const access = { assigneeId: state.assigneeId, teamId: state.teamId, collaboratorIds: state.collaboratorIds, mentionedUntil: state.mentionedUntil };
    const events = [
      ...(changed.length ? [this.threadEvent(state, changed, options.actor)] : []),
      ...(accessChanged ? [ThreadAccessChanged.create({ ...base, data: { contactId: current.contactId, access, at: state.updatedAt } })] : []),
      ...recorded.map((event) => TimelineEventRecorded.create({ ...base, data: { event, thread: snapshot } })),
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

  private threadEvent(state: ThreadState, changed: string[], actor: EventActor | undefined) {
    return ThreadUpdated.create({ workspaceId: state.workspaceId, aggregateId: state.contactId, data: { thread: snapshotOf(state), changed }, actor, correlationId: currentCorrelationId() });
  }
}

function timelineEvent(contactId: string, draft: EventDraft, at: string, id: string): TimelineEventSnapshot {
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

/** The timeline entry of a recorded event. */
export function timelineEntry(workspaceId: string, event: TimelineEventSnapshot): TimelineEntry {
  return { id: event.id, workspaceId, contactId: event.contactId, kind: 'event', at: event.createdAt, visible: true, item: event };
}
