import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { CONFIG, getLogger, MONGO, MongoHandle, NATS, NatsHandle, REDIS, RedisHandle, ServiceConfig } from '@omnibox/platform';
import { ConsumerOptions, EventConsumer } from './consumer';
import { EventBus } from './event-bus';
import { RedisDocumentLock } from './document-lock';
import { Outbox } from './outbox';
import { MongoProcessedEventStore } from './processed-events';

const OUTBOX_COLLECTIONS = Symbol('OUTBOX_COLLECTIONS');

/** Where a service declares its event consumers; they start once the application has booted. */
@Injectable()
export class ConsumerRegistry {
  readonly consumers: EventConsumer[] = [];
  private readonly processed?: MongoProcessedEventStore;

  constructor(
    private readonly bus: EventBus,
    @Optional() @Inject(MONGO) mongo?: MongoHandle,
  ) {
    if (mongo) this.processed = new MongoProcessedEventStore(mongo.db);
  }

  /** Declares a durable consumer; events it handled before are skipped when the service has MongoDB. */
  add(options: ConsumerOptions): EventConsumer {
    const consumer = new EventConsumer(this.bus, { processed: this.processed, ...options }, getLogger());
    this.consumers.push(consumer);
    return consumer;
  }
}

@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(OUTBOX_COLLECTIONS) private readonly outboxCollections: string[],
    @Optional() private readonly outbox?: Outbox,
  ) {}

  async onApplicationBootstrap() {
    await this.outbox?.start(this.outboxCollections);
    await Promise.all(this.registry.consumers.map((consumer) => consumer.start()));
  }

  /** Drains consumers and the outbox before the engine connections close. */
  async beforeApplicationShutdown() {
    await Promise.all(this.registry.consumers.map((consumer) => consumer.stop()));
    await this.outbox?.stop();
  }
}

export interface MessagingOptions {
  /** Collections whose documents carry outbox events (requires MongoDB). */
  outboxCollections?: string[];
}

/** Domain events for a service: the JetStream bus, the outbox relay and the consumer registry. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions = {}): DynamicModule {
    const usesOutbox = (options.outboxCollections ?? []).length > 0;
    return {
      module: MessagingModule,
      global: true,
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
        ...(usesOutbox
          ? [
              {
                provide: Outbox,
                inject: [MONGO, EventBus, { token: REDIS, optional: true }],
                // With Redis, one writer per document across replicas (FerretDB's updates are not atomic).
                useFactory: (mongo: MongoHandle, bus: EventBus, redis?: RedisHandle) =>
                  new Outbox(mongo.db, bus, getLogger(), redis ? { lock: new RedisDocumentLock(redis.redis, mongo.db.databaseName) } : {}),
              },
            ]
          : []),
        { provide: OUTBOX_COLLECTIONS, useValue: options.outboxCollections ?? [] },
        ConsumerRegistry,
        MessagingLifecycle,
      ],
      exports: [EventBus, ConsumerRegistry, ...(usesOutbox ? [Outbox] : [])],
    };
  }
}
