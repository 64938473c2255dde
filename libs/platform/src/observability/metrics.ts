import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics (`GET /metrics` on the health port; on the gateway, its admin port).
 * Shared by everything in the process; collectors that must ask an engine (consumer lag, outbox backlog)
 * run when Prometheus scrapes, not on a timer.
 */
export const metricsRegistry = new Registry();
let processMetrics = false;

export function startProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests served, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'],
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const grpcServerDuration = new Histogram({
  name: 'grpc_server_handling_seconds',
  help: 'gRPC calls served, by service, method and status code',
  labelNames: ['service', 'method', 'code'],
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const grpcClientDuration = new Histogram({
  name: 'grpc_client_handling_seconds',
  help: 'gRPC calls made, by service, method and status code',
  labelNames: ['service', 'method', 'code'],
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const eventsConsumed = new Counter({
  name: 'events_consumed_total',
  help: 'Events a durable consumer took, by outcome: handled, skipped (already handled or not its type), retried, parked (dead-lettered)',
  labelNames: ['consumer', 'outcome'],
  registers: [metricsRegistry],
});

export const eventHandlingDuration = new Histogram({
  name: 'event_handling_seconds',
  help: 'Time a durable consumer spent on one event',
  labelNames: ['consumer'],
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const eventsPublished = new Counter({
  name: 'events_published_total',
  help: 'Events published to JetStream, by type',
  labelNames: ['type'],
  registers: [metricsRegistry],
});

type LagSource = () => Promise<{ pending: number; ackPending: number }>;
const lagSources = new Map<string, LagSource>();

/** Messages a durable consumer has not handled yet (JetStream's pending + unacknowledged), read on scrape. */
export const consumerLag = new Gauge({
  name: 'consumer_lag_messages',
  help: 'Messages waiting for a durable consumer (not yet delivered, or delivered and not yet acknowledged)',
  labelNames: ['consumer'],
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    await Promise.all(
      [...lagSources].map(async ([consumer, source]) => {
        const lag = await source().catch(() => undefined);
        if (lag) this.set({ consumer }, lag.pending + lag.ackPending);
      }),
    );
  },
});

export function registerConsumerLag(consumer: string, source: LagSource): void {
  lagSources.set(consumer, source);
}

type BacklogSource = () => Promise<number>;
const backlogSources = new Set<BacklogSource>();

export const outboxBacklog = new Gauge({
  name: 'outbox_pending_documents',
  help: 'Documents whose events are written but not yet published (the relay publishes them)',
  registers: [metricsRegistry],
  async collect() {
    let total = 0;
    for (const source of backlogSources) total += await source().catch(() => 0);
    this.set(total);
  },
});

export function registerOutboxBacklog(source: BacklogSource): void {
  backlogSources.add(source);
}

/**
 * Commands this process sent to the MongoDB-wire engine, by command and collection: the engine round
 * trips a path costs (issue #19). Counted only with MONGODB_COMMAND_STATS=true, since watching every
 * command costs the driver an event per command.
 */
export const mongoCommands = new Counter({
  name: 'mongodb_commands_total',
  help: 'Commands sent to MongoDB, by command and collection (only with MONGODB_COMMAND_STATS=true)',
  labelNames: ['command', 'collection'],
  registers: [metricsRegistry],
});
