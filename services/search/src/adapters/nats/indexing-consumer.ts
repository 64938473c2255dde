import { EventEnvelope, parseEnvelope } from '@omnibox/contracts';
import { eventTypeOfSubject, type EventBus } from '@omnibox/messaging';
import { ConsumerMessages, JsMsg, JSONCodec, nanos } from 'nats';
import type { Logger } from 'pino';
import { IndexEvents, INDEXED_EVENT_TYPES } from '../../application/index-events';

export interface IndexingConsumerOptions {
  durable: string;
  /** Events applied in one round of bulk requests. */
  batchSize: number;
  /**
   * While events keep coming, one round of bulk requests per this many milliseconds (0: a round as soon
   * as the previous one ends). Fewer, larger bulk requests cost Elasticsearch and this service less
   * per event than many small ones under a steady flow.
   */
  batchIntervalMs: number;
  /** Runs before the first batch, and again after a failure (e.g. make sure the indexes exist). */
  prepare(): Promise<void>;
  indexEvents: IndexEvents;
}

const codec = JSONCodec<unknown>();

/**
 * After a quiet spell the first event does not wait out the interval: it waits this long only, for the
 * events published with it (a message and its thread update), so it is searchable at once.
 */
const COMPANIONS_MS = 50;

/**
 * The durable JetStream consumer that keeps the indexes current. It takes events in batches (one
 * bulk request for many events, so indexing keeps up with bursts) and strictly in stream order.
 * While Elasticsearch is down it holds the batch, keeps it alive on the server (`working`) and retries
 * with back-off: nothing is acknowledged until it is indexed, so a stopped or crashed service resumes
 * where it was, and an outage loses nothing.
 */
export class IndexingConsumer {
  private messages?: ConsumerMessages;
  private readonly queue: JsMsg[] = [];
  private wake?: () => void;
  private stopping = false;
  private reader?: Promise<void>;
  private worker?: Promise<void>;
  private prepared = false;
  private lastRoundAt = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly options: IndexingConsumerOptions,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    // Only the events it indexes are delivered (NATS 2.10 and later; before, the rest is skipped by subject).
    await this.bus.ensureConsumer(this.options.durable, { types: [...INDEXED_EVENT_TYPES] }, { ack_wait: nanos(120_000), max_ack_pending: 20_000 });
    const consumer = await this.bus.js.consumers.get(this.bus.stream, this.options.durable);
    this.messages = await consumer.consume({ max_messages: this.options.batchSize * 2 });
    const messages = this.messages;
    this.reader = (async () => {
      for await (const msg of messages) {
        this.queue.push(msg);
        this.wake?.();
      }
      this.wake?.();
    })();
    this.worker = this.work();
  }

  async stop(timeoutMs = 5000): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const done = (async () => {
      await this.messages?.close();
      await this.reader;
      await this.worker;
    })();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  private async work() {
    while (!this.stopping) {
      if (this.queue.length === 0) {
        await this.arrival();
        continue;
      }
      if (!(await this.gather())) break; // stopping: what is queued stays unacknowledged for the restart
      const batch = this.queue.splice(0, this.options.batchSize);
      this.lastRoundAt = Date.now();
      await this.handle(batch);
    }
  }

  /**
   * Lets events gather until the next round is due: the interval after the previous round started, and
   * at least COMPANIONS_MS (or the interval, if shorter). A full batch goes at once. False when stopping.
   */
  private async gather(): Promise<boolean> {
    const interval = this.options.batchIntervalMs;
    if (interval <= 0) return !this.stopping;
    const dueAt = Math.max(this.lastRoundAt + interval, Date.now() + Math.min(COMPANIONS_MS, interval));
    while (!this.stopping && this.queue.length < this.options.batchSize) {
      const left = dueAt - Date.now();
      if (left <= 0) break;
      await this.arrival(left);
    }
    return !this.stopping;
  }

  /** Waits for the next event to arrive (or the stop), or at most `timeoutMs` when given. */
  private async arrival(timeoutMs?: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      if (timeoutMs !== undefined) timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
    this.wake = undefined;
  }

  private async handle(batch: JsMsg[]) {
    const events: Array<{ msg: JsMsg; event: EventEnvelope }> = [];
    for (const msg of batch) {
      const type = eventTypeOfSubject(this.bus.subjectPrefix, msg.subject);
      if (type !== undefined && !INDEXED_EVENT_TYPES.has(type)) {
        msg.ack(); // not indexed: skipped without decoding (a server that delivers every event)
        continue;
      }
      let event: EventEnvelope;
      try {
        event = parseEnvelope(codec.decode(msg.data));
      } catch (error) {
        await this.deadLetter(msg, `poison message: ${(error as Error).message}`);
        continue;
      }
      if (INDEXED_EVENT_TYPES.has(event.type)) events.push({ msg, event });
      else msg.ack();
    }
    if (events.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      try {
        if (!this.prepared) {
          await this.options.prepare();
          this.prepared = true;
        }
        const started = Date.now();
        const failures = await this.options.indexEvents.execute(events.map((entry) => entry.event));
        this.logger.debug({ consumer: this.options.durable, events: events.length, ms: Date.now() - started }, 'batch indexed');
        const failed = new Map(failures.map((failure) => [failure.eventId, failure.reason]));
        for (const { msg, event } of events) {
          const reason = failed.get(event.id);
          if (reason) await this.deadLetter(msg, reason, event.id);
          else msg.ack();
        }
        if (attempt > 1) this.logger.info({ consumer: this.options.durable, attempts: attempt }, 'indexing resumed');
        return;
      } catch (error) {
        if (this.stopping) return; // unacknowledged: JetStream delivers them again after the restart
        const delay = Math.min(5000, 250 * 2 ** Math.min(attempt - 1, 5));
        this.logger.warn({ err: error, consumer: this.options.durable, attempt, events: events.length, retryInMs: delay }, 'indexing failed; holding the batch and retrying');
        this.prepared = false;
        // Keep the batch and what waits behind it from being redelivered while we wait.
        for (const msg of [...batch, ...this.queue]) msg.working();
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async deadLetter(msg: JsMsg, reason: string, eventId?: string) {
    try {
      await this.bus.publishDeadLetter({ subject: msg.subject, data: msg.data, consumer: this.options.durable, reason, deliveries: msg.info.deliveryCount, eventId });
      msg.term();
      this.logger.error({ consumer: this.options.durable, subject: msg.subject, eventId, reason }, 'event moved to the dead-letter stream');
    } catch (error) {
      this.logger.error({ err: error, consumer: this.options.durable }, 'dead-letter publish failed; message will be redelivered');
      msg.nak(5000);
    }
  }
}
