import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, Optional, Provider } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { CONFIG, getLogger, NATS, NatsHandle, REDIS, RedisHandle, ServiceConfig } from '@omnibox/platform';
import type { Connection } from 'mongoose';
import { ConsumerOptions, EventConsumer } from './consumer';
import { EventBus } from './event-bus';
import { RedisDocumentLock } from './document-lock';
import { Outbox } from './outbox';
import { PendingMarkerSchema } from './outbox.schema';
import { MongoProcessedEventStore, ProcessedEventSchema } from './processed-events';

/** Where a service declares its event consumers; they start once the application has booted. */
@Injectable()
export class ConsumerRegistry {
  readonly consumers: EventConsumer[] = [];
  /** Durables a service no longer reads: removed from the stream at start (see `retire`). */
  readonly retired: string[] = [];
  readonly processedEvents?: MongoProcessedEventStore;

  constructor(
    private readonly bus: EventBus,
    @Optional() @Inject(getConnectionToken()) connection?: Connection,
  ) {
    if (connection) this.processedEvents = new MongoProcessedEventStore(connection);
  }

  /** Declares a durable consumer; events it handled before are skipped when the service has MongoDB. */
  add(options: ConsumerOptions): EventConsumer {
    const consumer = new EventConsumer(this.bus, { processed: this.processedEvents, ...options }, getLogger());
    this.consumers.push(consumer);
    return consumer;
  }

  /**
   * A durable this service used to read and no longer does: deleted from the stream when the service
   * starts, so JetStream stops keeping its position and pending count for nobody (the stream's limits,
   * not its consumers, decide what it keeps, so nothing else changes).
   */
  retire(durable: string): void {
    this.retired.push(durable);
  }
}

/** How long consumers remember handled events (PROCESSED_EVENTS_RETENTION_HOURS, default a week). */
const RETENTION_MS = (Number(process.env.PROCESSED_EVENTS_RETENTION_HOURS) || 168) * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly bus: EventBus,
    @Optional() private readonly outbox?: Outbox,
  ) {}

  async onApplicationBootstrap() {
    await this.outbox?.start();
    // A durable left behind costs the server a little bookkeeping, never an event: it must not stop a start.
    await Promise.all(
      this.registry.retired.map((durable) => this.bus.deleteConsumer(durable).catch((error) => getLogger().warn({ err: error, consumer: durable }, 'a retired consumer could not be deleted; the next start tries again'))),
    );
    await Promise.all(this.registry.consumers.map((consumer) => consumer.start()));
    const processed = this.registry.processedEvents;
    if (processed) {
      // Replicas sweep at different moments (jitter); a sweep that fails is retried at the next one.
      const sweep = () => void processed.prune(new Date(Date.now() - RETENTION_MS)).catch((error) => getLogger().warn({ err: error }, 'pruning processed events failed; next sweep retries'));
      this.pruneTimer = setInterval(sweep, PRUNE_EVERY_MS + Math.floor(Math.random() * 60_000));
      this.pruneTimer.unref();
    }
  }

  /** Drains consumers and the outbox before the engine connections close. */
  async beforeApplicationShutdown() {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await Promise.all(this.registry.consumers.map((consumer) => consumer.stop()));
    await this.outbox?.stop();
  }
}

export interface MessagingOptions {
  /**
   * `mongo`: the service keeps its state in MongoDB (PlatformModule `mongo`), so it gets the outbox
   * (events written with the state they announce) and its consumers remember what they handled.
   */
  store?: 'mongo';
}

/** Domain events for a service: the JetStream bus, the outbox relay and the consumer registry. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions = {}): DynamicModule {
    const mongo = options.store === 'mongo';
    const outbox: Provider[] = mongo
      ? [
          {
            provide: Outbox,
            inject: [getConnectionToken(), EventBus, { token: REDIS, optional: true }],
            // With Redis, one writer per document across replicas (FerretDB's updates are not atomic).
            useFactory: (connection: Connection, bus: EventBus, redis?: RedisHandle) =>
              new Outbox(connection, bus, getLogger(), redis ? { lock: new RedisDocumentLock(redis.redis, connection.name) } : {}),
          },
        ]
      : [];
    return {
      module: MessagingModule,
      global: true,
      imports: mongo
        ? [
            MongooseModule.forFeature([
              { name: 'OutboxPending', schema: PendingMarkerSchema },
              { name: 'ProcessedEvent', schema: ProcessedEventSchema },
            ]),
          ]
        : [],
      providers: [
        {
          provide: EventBus,
          inject: [NATS, CONFIG],
          useFactory: async (nats: NatsHandle, config: ServiceConfig) => {
            const bus = new EventBus(nats.connection, { stream: config.EVENT_STREAM, subjectPrefix: config.EVENT_SUBJECT_PREFIX });
            await bus.ensureStreams();
            return bus;
          },
        },
        ...outbox,
        ConsumerRegistry,
        MessagingLifecycle,
      ],
      exports: [EventBus, ConsumerRegistry, ...(mongo ? [Outbox] : [])],
    };
  }
}
