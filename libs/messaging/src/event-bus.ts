import { EventEnvelope, subjectOf } from '@omnibox/contracts';
import { eventsPublished, injectTraceContext } from '@omnibox/platform';
import { AckPolicy, DeliverPolicy, JetStreamClient, JetStreamManager, JSONCodec, NatsConnection, nanos, RetentionPolicy, StorageType, headers } from 'nats';
import { subjectFilter, takesSeveralFilters } from './consumer-subjects';
import { JetStreamPublisher } from './jetstream-publisher';

export interface EventBusOptions {
  /** JetStream stream that stores the events, e.g. `INBOX`. */
  stream: string;
  /** First subject token of every event, e.g. `inbox`. */
  subjectPrefix: string;
  /** How long JetStream remembers event ids to drop duplicate publishes. */
  duplicateWindowMs?: number;
  /** How long events are kept for replay (read models are rebuilt from them). */
  maxAgeMs?: number;
}

const codec = JSONCodec<EventEnvelope>();
const DAY_MS = 24 * 60 * 60 * 1000;

/** Publishes domain events to JetStream and owns the stream definitions. */
export class EventBus {
  readonly js: JetStreamClient;
  private readonly publisher: JetStreamPublisher;
  private jsm?: JetStreamManager;

  constructor(
    readonly connection: NatsConnection,
    readonly options: EventBusOptions,
  ) {
    this.js = connection.jetstream();
    this.publisher = new JetStreamPublisher(connection);
  }

  get stream(): string {
    return this.options.stream;
  }
  get deadLetterStream(): string {
    return `${this.options.stream}_DLQ`;
  }
  get subjectPrefix(): string {
    return this.options.subjectPrefix;
  }
  get deadLetterPrefix(): string {
    return `${this.options.subjectPrefix}-dlq`;
  }

  async manager(): Promise<JetStreamManager> {
    this.jsm ??= await this.connection.jetstreamManager();
    return this.jsm;
  }

  /** Creates (or updates) the event stream and its dead-letter stream; safe to call on every start. */
  async ensureStreams(): Promise<void> {
    const jsm = await this.manager();
    await upsertStream(jsm, {
      name: this.stream,
      subjects: [`${this.subjectPrefix}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      duplicate_window: nanos(this.options.duplicateWindowMs ?? 10 * 60 * 1000),
      max_age: nanos(this.options.maxAgeMs ?? 30 * DAY_MS),
    });
    await upsertStream(jsm, {
      name: this.deadLetterStream,
      subjects: [`${this.deadLetterPrefix}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(30 * DAY_MS),
    });
  }

  /**
   * Creates a durable, explicitly acknowledged consumer of the event stream, or brings an existing one
   * (its position kept) to these subjects and settings. Named `types` are all it is delivered where the
   * server takes several filter subjects (see `subjectFilter`).
   */
  async ensureConsumer(durable: string, subjects: { filter?: string; types?: readonly string[] }, settings: { ack_wait: number; max_ack_pending: number }): Promise<void> {
    const jsm = await this.manager();
    const filter = subjectFilter(this.subjectPrefix, subjects, takesSeveralFilters(this.connection.info?.version));
    try {
      await jsm.consumers.info(this.stream, durable);
      // Both keys, one of them undefined: the update replaces whichever form the consumer had.
      await jsm.consumers.update(this.stream, durable, { filter_subject: filter.filter_subject, filter_subjects: filter.filter_subjects, ...settings });
    } catch {
      await jsm.consumers.add(this.stream, { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ...filter, ...settings });
    }
  }

  /** Deletes a durable consumer of the event stream; one that is not there is already gone. */
  async deleteConsumer(durable: string): Promise<void> {
    const jsm = await this.manager();
    try {
      await jsm.consumers.delete(this.stream, durable);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  subjectFor(envelope: Pick<EventEnvelope, 'workspaceId' | 'type'>): string {
    return subjectOf(this.subjectPrefix, envelope);
  }

  /**
   * Publishes one event and waits for JetStream to store it, with the active trace context in its headers. The event id is the message id, so a
   * second publish of the same event (a retry, a relay after a crash) is dropped by JetStream.
   * Answers whether JetStream saw it as a duplicate.
   */
  async publish(envelope: EventEnvelope): Promise<{ duplicate: boolean; seq: number }> {
    // The trace context travels in the message headers, so consumers continue the publisher's trace.
    let traceHeaders: ReturnType<typeof headers> | undefined;
    injectTraceContext((key, value) => (traceHeaders ??= headers()).set(key, value));
    const ack = await this.publisher.publish(this.subjectFor(envelope), codec.encode(envelope), { msgId: envelope.id, timeoutMs: 5000, headers: traceHeaders });
    if (!ack.duplicate) eventsPublished.inc({ type: envelope.type });
    return { duplicate: ack.duplicate, seq: ack.seq };
  }

  /** Moves a message that cannot be processed to the dead-letter stream, with the reason. */
  async publishDeadLetter(input: { subject: string; data: Uint8Array; consumer: string; reason: string; deliveries: number; eventId?: string }) {
    const h = headers();
    h.set('Omnibox-Dlq-Consumer', input.consumer);
    h.set('Omnibox-Dlq-Reason', input.reason.slice(0, 500));
    h.set('Omnibox-Dlq-Deliveries', String(input.deliveries));
    h.set('Omnibox-Dlq-Subject', input.subject);
    const tail = input.subject.startsWith(`${this.subjectPrefix}.`) ? input.subject.slice(this.subjectPrefix.length + 1) : input.subject;
    await this.publisher.publish(`${this.deadLetterPrefix}.${input.consumer}.${tail}`, input.data, {
      headers: h,
      msgId: input.eventId ? `${input.consumer}:${input.eventId}` : undefined,
      timeoutMs: 5000,
    });
  }
}

async function upsertStream(jsm: JetStreamManager, config: Parameters<JetStreamManager['streams']['add']>[0]) {
  try {
    await jsm.streams.info(config.name as string);
    await jsm.streams.update(config.name as string, config);
  } catch (error) {
    if (isNotFound(error)) {
      await jsm.streams.add(config);
      return;
    }
    throw error;
  }
}

/** JetStream's "not found" (a stream or a consumer): API error code 404. */
function isNotFound(error: unknown): boolean {
  return (error as { code?: string }).code === '404' || /not found/i.test(String((error as Error).message));
}
