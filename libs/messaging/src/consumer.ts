import { EventEnvelope, parseEnvelope } from '@omnibox/contracts';
import { eventHandlingDuration, eventsConsumed, extractTraceContext, inSpan, registerConsumerLag, runWithCorrelation, SpanKind } from '@omnibox/platform';
import { ConsumerMessages, JsMsg, JSONCodec, nanos } from 'nats';
import type { Logger } from 'pino';
import { EventBus } from './event-bus';
import { ProcessedEventStore } from './processed-events';

export interface ConsumerOptions {
  /** Durable name: JetStream keeps this consumer's position while the service is down. */
  durable: string;
  /** Subject filter below the prefix, e.g. `*.directory.>` (default: every event). */
  filter?: string;
  /**
   * Event types to handle. Default: all. On NATS 2.10 and later only these are delivered; on an older
   * server the others (within `filter`) are acknowledged and skipped.
   */
  types?: string[];
  /**
   * `deliveries` counts this delivery too (1 on the first), for handlers that give up after a few. A
   * handler that knows when to try again (a `Retry-After` it was given) throws an error carrying
   * `retryAfterMs`; that delay replaces the back-off.
   */
  handle(event: EventEnvelope, delivery: { deliveries: number }): Promise<void>;
  /**
   * Events handled at the same time (default 1: strictly in stream order). With more, events that
   * share a `partitionKey` (default: the aggregate id) still run one after another, in stream order.
   */
  concurrency?: number;
  partitionKey?: (event: EventEnvelope) => string;
  /** Deliveries before a failing event goes to the dead-letter stream (default 8). */
  maxDeliveries?: number;
  /** First retry delay; doubles per delivery up to `maxBackoffMs` (defaults 500 ms, 30 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Skips events this consumer already handled (recommended; required where the handler is not idempotent). */
  processed?: ProcessedEventStore;
}

const codec = JSONCodec<unknown>();

type Decoded = { event: EventEnvelope } | { error: string };

/** Reads a message once: its envelope, or why it is not one. */
function decode(msg: JsMsg): Decoded {
  try {
    return { event: parseEnvelope(codec.decode(msg.data)) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * The event type a subject names (`<prefix>.<workspace>.<type>`, see `subjectOf`), read without
 * decoding the message, so a consumer skips the types it does not handle for the price of a string
 * slice. Undefined for a subject of another shape (decoded and judged as usual).
 */
export function eventTypeOfSubject(prefix: string, subject: string): string | undefined {
  if (!subject.startsWith(`${prefix}.`)) return undefined;
  const afterWorkspace = subject.indexOf('.', prefix.length + 1);
  return afterWorkspace < 0 ? undefined : subject.slice(afterWorkspace + 1);
}

/** Delay before the next delivery of a message that failed `deliveries` times. */
export function retryDelayMs(deliveries: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, deliveries - 1));
}

/** The delay a failed handler asked for (an error with `retryAfterMs`), if any. */
function retryAfterOf(error: unknown): number | undefined {
  const asked = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof asked === 'number' && Number.isFinite(asked) && asked >= 0 ? asked : undefined;
}

/**
 * A durable, explicitly acknowledged JetStream consumer that handles events one at a time, in stream
 * order. Failures are retried with exponential back-off; a message that keeps failing, or that is not
 * an event at all, is moved to the dead-letter stream so it cannot block the ones behind it.
 */
export class EventConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopping = false;
  /** Per partition key, the tail of the chain of events being handled (concurrency > 1). */
  private readonly partitions = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly bus: EventBus,
    private readonly options: ConsumerOptions,
    private readonly logger: Logger,
  ) {}

  get name(): string {
    return this.options.durable;
  }

  async start(): Promise<void> {
    const jsm = await this.bus.manager();
    await this.bus.ensureConsumer(this.options.durable, this.options, { ack_wait: nanos(30_000), max_ack_pending: Math.max(256, (this.options.concurrency ?? 1) * 4) });
    const consumer = await this.bus.js.consumers.get(this.bus.stream, this.options.durable);
    registerConsumerLag(this.options.durable, async () => {
      const info = await jsm.consumers.info(this.bus.stream, this.options.durable);
      return { pending: info.num_pending, ackPending: info.num_ack_pending };
    });
    this.messages = await consumer.consume({ max_messages: Math.max(64, (this.options.concurrency ?? 1) * 2) });
    this.loop = this.run(this.messages);
  }

  /** Stops taking new messages and waits for the one in hand to finish (graceful shutdown). */
  async stop(drainTimeoutMs = 5000): Promise<void> {
    this.stopping = true;
    // Bounded: a pull that never ends (NATS unreachable) must not hold up shutdown. A message still
    // in hand is not acknowledged, so JetStream delivers it again; nothing is lost.
    const drained = (async () => {
      await this.messages?.close();
      await this.loop;
    })();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), drainTimeoutMs)));
    const outcome = await Promise.race([drained.then(() => 'drained' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.logger.warn({ consumer: this.options.durable }, 'consumer did not drain in time; unacknowledged messages will be redelivered');
  }

  private async run(messages: ConsumerMessages) {
    const concurrency = Math.max(1, this.options.concurrency ?? 1);
    for await (const msg of messages) {
      if (this.skipsBySubject(msg)) {
        if (this.stopping) break;
        continue;
      }
      const decoded = decode(msg);
      if (concurrency === 1) await this.process(msg, decoded);
      else await this.dispatch(msg, decoded, concurrency);
      if (this.stopping) break;
    }
    await Promise.allSettled([...this.running]);
  }

  /** Acknowledges, undecoded, a message whose subject names a type this consumer does not handle. */
  private skipsBySubject(msg: JsMsg): boolean {
    if (!this.options.types) return false;
    const type = eventTypeOfSubject(this.bus.subjectPrefix, msg.subject);
    if (type === undefined || this.options.types.includes(type)) return false;
    msg.ack();
    eventsConsumed.inc({ consumer: this.name, outcome: 'skipped' });
    return true;
  }

  /** Starts one message once a slot is free, after the earlier messages of its partition. */
  private async dispatch(msg: JsMsg, decoded: Decoded, concurrency: number) {
    while (this.running.size >= concurrency) await Promise.race(this.running);
    // A message that is not an event has no partition; it is parked by `process`.
    const key = 'event' in decoded ? (this.options.partitionKey ? this.options.partitionKey(decoded.event) : decoded.event.aggregateId) : '';
    const previous = this.partitions.get(key) ?? Promise.resolve();
    const job: Promise<void> = previous.then(() => this.process(msg, decoded));
    this.partitions.set(key, job);
    this.running.add(job);
    void job.finally(() => {
      this.running.delete(job);
      if (this.partitions.get(key) === job) this.partitions.delete(key);
    });
  }

  private async process(msg: JsMsg, decoded: Decoded) {
    const deliveries = msg.info.deliveryCount;
    if ('error' in decoded) {
      await this.deadLetter(msg, `poison message: ${decoded.error}`, deliveries);
      return;
    }
    const { event } = decoded;
    if (this.options.types && !this.options.types.includes(event.type)) {
      msg.ack();
      eventsConsumed.inc({ consumer: this.name, outcome: 'skipped' });
      return;
    }
    const parent = extractTraceContext((key) => msg.headers?.get(key) || undefined);
    await inSpan(`consume ${event.type}`, SpanKind.CONSUMER, { 'messaging.system': 'nats', 'messaging.consumer.group.name': this.name, 'messaging.message.id': event.id }, () =>
      runWithCorrelation(event.correlationId, async () => {
        const stop = eventHandlingDuration.startTimer({ consumer: this.name });
        try {
          if (this.options.processed && (await this.options.processed.has(this.name, event.id))) {
            msg.ack();
            eventsConsumed.inc({ consumer: this.name, outcome: 'skipped' });
            return;
          }
          await this.options.handle(event, { deliveries });
          await this.options.processed?.remember(this.name, event.id);
          msg.ack();
          eventsConsumed.inc({ consumer: this.name, outcome: 'handled' });
        } catch (error) {
          const max = this.options.maxDeliveries ?? 8;
          if (deliveries >= max) {
            await this.deadLetter(msg, `failed ${deliveries} times: ${(error as Error).message}`, deliveries, event.id);
            return;
          }
          const delay = retryAfterOf(error) ?? retryDelayMs(deliveries, this.options.backoffMs ?? 500, this.options.maxBackoffMs ?? 30_000);
          this.logger.warn({ err: error, eventId: event.id, type: event.type, consumer: this.name, deliveries, retryInMs: delay }, 'event handler failed; will retry');
          eventsConsumed.inc({ consumer: this.name, outcome: 'retried' });
          msg.nak(delay);
        } finally {
          stop();
        }
      }),
      parent,
    );
  }

  private async deadLetter(msg: JsMsg, reason: string, deliveries: number, eventId?: string) {
    try {
      await this.bus.publishDeadLetter({ subject: msg.subject, data: msg.data, consumer: this.name, reason, deliveries, eventId });
      msg.term();
      eventsConsumed.inc({ consumer: this.name, outcome: 'parked' });
      this.logger.error({ consumer: this.name, subject: msg.subject, eventId, reason }, 'event moved to the dead-letter stream');
    } catch (error) {
      // Could not park it: leave it for redelivery rather than lose it.
      this.logger.error({ err: error, consumer: this.name }, 'dead-letter publish failed; message will be redelivered');
      msg.nak(5000);
    }
  }
}
