import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { defineEvent, EventEnvelope } from '@omnibox/contracts';
import { connectNats, createLogger, NatsHandle } from '@omnibox/platform';
import { eventually, isolatedEnv, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import Redis from 'ioredis';
import mongoose, { Connection, Model, Schema } from 'mongoose';
import { JSONCodec } from 'nats';
import { EventBus } from '../src/event-bus';
import { EventConsumer } from '../src/consumer';
import { RedisDocumentLock } from '../src/document-lock';
import { Outbox, PENDING_COLLECTION, withOutbox } from '../src/outbox';
import { MongoProcessedEventStore } from '../src/processed-events';

const OrderPlaced = defineEvent<{ item: string }>('test.order.placed');
const OrderShipped = defineEvent<{ item: string }>('test.order.shipped');
const OrderNoted = defineEvent<{ item: string }>('test.order.noted');
const logger = createLogger('messaging-test', 'silent');

interface Order {
  _id: string;
  item: string;
  step?: number;
  _outbox?: Record<string, unknown>;
}
const OrderSchema = withOutbox(new Schema<Order>({ _id: String, item: String, step: Number }, { collection: 'orders', versionKey: false }), { batchInserts: true });

describe('messaging backbone on a real nats-server and MongoDB-wire server', () => {
  let nats: NatsHandle;
  let mongo: Connection;
  let orders: Model<Order>;
  let bus: EventBus;
  let database: string;
  const workspaceId = uniqueName('ws');
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    const env = isolatedEnv();
    nats = await connectNats(sharedEngineUrls.NATS_URL, 'messaging-test');
    database = `${env.MONGODB_DATABASE_PREFIX}_messaging`;
    mongo = await mongoose.createConnection(sharedEngineUrls.MONGODB_URL, { dbName: database }).asPromise();
    orders = mongo.model('Order', OrderSchema);
    bus = new EventBus(nats.connection, { stream: env.EVENT_STREAM, subjectPrefix: env.EVENT_SUBJECT_PREFIX });
    await bus.ensureStreams();
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
  });

  afterAll(async () => {
    await nats.close();
    await mongo.close();
  });

  function collectingConsumer(durable: string, received: EventEnvelope[], extra: Partial<ConstructorParameters<typeof EventConsumer>[1]> = {}) {
    const consumer = new EventConsumer(
      bus,
      {
        durable,
        handle: async (event) => void received.push(event),
        processed: new MongoProcessedEventStore(mongo),
        ...extra,
      },
      logger,
    );
    consumers.push(consumer);
    return consumer;
  }

  it('a consumer that was down receives every event, in order, once it comes back', async () => {
    const received: EventEnvelope[] = [];
    const first = collectingConsumer('late-reader', received);
    await first.start(); // creates the durable consumer
    await first.stop(); // the service goes down

    const published = [];
    for (let i = 0; i < 40; i++) {
      const event = OrderPlaced.create({ workspaceId, aggregateId: `order-${i}`, data: { item: `item-${i}` } });
      await bus.publish(event);
      published.push(event.id);
    }

    await collectingConsumer('late-reader', received).start(); // the service comes back
    await eventually(() => received.length >= 40, 'all 40 events');
    expect(received.map((event) => event.id)).toEqual(published);
  });

  it('a consumer that names its event types is delivered only those, also when it first read every event of its filter', async () => {
    const received: EventEnvelope[] = [];
    const durable = uniqueName('typed-reader');
    const shop = uniqueName('ws');
    const earlier = collectingConsumer(durable, received, { filter: `${shop}.>` });
    await earlier.start(); // an earlier version of the service: every event of the workspace
    await earlier.stop();

    const events = [
      OrderNoted.create({ workspaceId: shop, aggregateId: 'o1', data: { item: 'a note' } }),
      OrderPlaced.create({ workspaceId: shop, aggregateId: 'o1', data: { item: 'placed' } }),
      OrderNoted.create({ workspaceId: shop, aggregateId: 'o1', data: { item: 'another note' } }),
      OrderPlaced.create({ workspaceId, aggregateId: 'o1', data: { item: 'another shop' } }),
      OrderShipped.create({ workspaceId: shop, aggregateId: 'o1', data: { item: 'shipped' } }),
    ];
    for (const event of events) await bus.publish(event);

    await collectingConsumer(durable, received, { filter: `${shop}.>`, types: [OrderPlaced.type, OrderShipped.type] }).start();
    await eventually(() => received.some((event) => event.id === events[4].id), 'the shipped event, published last');
    expect(received.map((event) => event.id)).toEqual([events[1].id, events[4].id]);
    const info = await (await bus.manager()).consumers.info(bus.stream, durable);
    // Not delivered and skipped: never delivered (the provisioned server, tools/nats, takes several filters).
    expect(info.delivered.consumer_seq).toBe(2);
  });

  it('a durable a service retired is deleted from the stream, and deleting it again (the next start) is no error', async () => {
    const durable = uniqueName('retired-reader');
    const retired = collectingConsumer(durable, [], { filter: `${workspaceId}.>` });
    await retired.start();
    await retired.stop();
    const jsm = await bus.manager();
    expect((await jsm.consumers.info(bus.stream, durable)).name).toBe(durable);

    await bus.deleteConsumer(durable);
    await expect(jsm.consumers.info(bus.stream, durable)).rejects.toThrow(/consumer not found/i);
    await expect(bus.deleteConsumer(durable)).resolves.toBeUndefined();
  });

  it('a duplicate publish of the same event is delivered once', async () => {
    const received: EventEnvelope[] = [];
    const event = OrderPlaced.create({ workspaceId, aggregateId: 'dup-order', data: { item: 'once' } });
    const marker = OrderPlaced.create({ workspaceId, aggregateId: 'marker', data: { item: 'marker' } });
    const firstAck = await bus.publish(event);
    const secondAck = await bus.publish(event);
    await bus.publish(marker);
    expect(firstAck.duplicate).toBe(false);
    expect(secondAck.duplicate).toBe(true);

    await collectingConsumer('dedupe-reader', received, { filter: `${workspaceId}.>` }).start();
    await eventually(() => received.some((e) => e.id === marker.id), 'the marker event');
    expect(received.filter((e) => e.id === event.id)).toHaveLength(1);
  });

  it('concurrent publishes are each acknowledged with their own stream sequence', async () => {
    const events = Array.from({ length: 200 }, (_, i) => OrderPlaced.create({ workspaceId, aggregateId: `burst-${i}`, data: { item: `burst-${i}` } }));
    const acks = await Promise.all(events.map((event) => bus.publish(event)));
    expect(acks.every((ack) => !ack.duplicate)).toBe(true);
    expect(new Set(acks.map((ack) => ack.seq)).size).toBe(200);
  });

  it('a publish no stream takes fails at once, naming why, instead of waiting for its timeout', async () => {
    const unstored = new EventBus(nats.connection, { stream: 'NOT_CREATED', subjectPrefix: uniqueName('nostream') });
    const started = Date.now();
    await expect(unstored.publish(OrderPlaced.create({ workspaceId, aggregateId: 'nowhere', data: { item: 'x' } }))).rejects.toThrow(/no JetStream stream took the message/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('an event carrying JSON that MongoDB refuses as a document (a dotted key, a leading $, a list in a list) is written with its change and published as given', async () => {
    const RawArrived = defineEvent<{ raw: unknown }>('test.order.raw');
    const raw = { 'order.id': 'A-1', $ref: 'x', matrix: [[1, 2], [3]] };
    const received: EventEnvelope[] = [];
    await collectingConsumer('raw-reader', received, { filter: `${workspaceId}.test.order.raw` }).start();
    const outbox = new Outbox(mongo, bus, logger);
    const orderId = uniqueName('order');
    // The insert publishes the events it wrote; the update's publish reads them back from the document.
    await outbox.insert(orders, { _id: orderId, item: 'raw' }, [RawArrived.create({ workspaceId, aggregateId: orderId, data: { raw } })]);
    await outbox.update(orders, { _id: orderId }, { $set: { step: 2 } }, [RawArrived.create({ workspaceId, aggregateId: orderId, data: { raw } })]);
    await outbox.settled();

    await eventually(() => received.length >= 2, 'both events');
    expect(received.map((event) => event.data)).toEqual([{ raw }, { raw }]);
    expect(await orders.findById(orderId).lean()).toMatchObject({ item: 'raw', step: 2 });
  });

  it('a crash between the state write and the publish loses nothing: the relay publishes it later', async () => {
    const orderId = uniqueName('order');
    const child = spawn(
      process.execPath,
      ['-r', join(__dirname, '../../testing/src/register-ts.js'), join(__dirname, 'write-then-crash.fixture.ts'), sharedEngineUrls.MONGODB_URL, database, workspaceId, orderId],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let eventId = '';
    child.stdout.on('data', (chunk) => (eventId += chunk.toString()));
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    expect(exit.signal).toBe('SIGKILL');
    eventId = eventId.trim();

    // The state change is stored, and the event is still pending inside it.
    const stored = await orders.findById(orderId).lean();
    expect(stored?.item).toBe('crash-proof');
    expect(Object.keys(stored?._outbox ?? {})).toEqual([eventId]);

    const received: EventEnvelope[] = [];
    await collectingConsumer('crash-reader', received, { filter: `${workspaceId}.test.order.placed` }).start();

    const relay = new Outbox(mongo, bus, logger, { sweepGraceMs: 0 });
    await relay.start(); // what a restarted service does first
    await relay.stop();

    await eventually(() => received.some((e) => e.id === eventId), 'the event written before the crash');
    const after = await orders.findById(orderId).lean();
    expect(after?._outbox).toBeUndefined();

    // Sweeping again (a second replica, a later tick) publishes nothing new.
    await new Outbox(mongo, bus, logger, { sweepGraceMs: 0 }).sweep(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.filter((e) => e.id === eventId)).toHaveLength(1);
  });

  it('an outbox write publishes its event right away and leaves no pending events behind', async () => {
    const received: EventEnvelope[] = [];
    await collectingConsumer('outbox-reader', received, { filter: `${workspaceId}.test.order.placed` }).start();
    const outbox = new Outbox(mongo, bus, logger);
    const id = uniqueName('order');
    const event = OrderPlaced.create({ workspaceId, aggregateId: id, data: { item: 'fast path' } });
    await outbox.insert(orders, { _id: id, item: 'fast path' }, [event]);
    await eventually(() => received.some((e) => e.id === event.id), 'the event');
    await eventually(async () => !(await orders.findById(id).lean())?._outbox, 'outbox cleared');

    const update = OrderPlaced.create({ workspaceId, aggregateId: id, data: { item: 'updated' } });
    const updated = await outbox.update<Order>(orders, { _id: id }, { $set: { item: 'updated' } }, [update]);
    expect(updated?.item).toBe('updated');
    expect(updated?._outbox).toBeUndefined();
    await eventually(() => received.some((e) => e.id === update.id), 'the update event');
  });

  it('many outbox writes at once (their markers written and removed together) each publish their event and leave nothing pending', async () => {
    // A workspace of its own: the consumers of later cases read this workspace's events from the start.
    const busyWorkspace = uniqueName('ws');
    const received: EventEnvelope[] = [];
    await collectingConsumer('outbox-many', received, { filter: `${busyWorkspace}.test.order.*` }).start();
    const outbox = new Outbox(mongo, bus, logger);
    const ids = Array.from({ length: 40 }, () => uniqueName('many'));
    const placed = ids.map((id) => OrderPlaced.create({ workspaceId: busyWorkspace, aggregateId: id, data: { item: id } }));
    await Promise.all(ids.map((id, index) => outbox.insert(orders, { _id: id, item: 'many', step: 0 }, [placed[index]])));
    const shipped = ids.map((id) => OrderShipped.create({ workspaceId: busyWorkspace, aggregateId: id, data: { item: id } }));
    const answers = await Promise.all(ids.map((id, index) => outbox.update<Order>(orders, { _id: id }, { $set: { step: 1 } }, [shipped[index]])));
    expect(answers.map((answer) => answer?.step)).toEqual(ids.map(() => 1));
    await outbox.settled();
    const expected = [...placed, ...shipped].map((event) => event.id);
    await eventually(() => expected.every((id) => received.some((e) => e.id === id)), 'every event of the 80 writes');
    expect(expected.filter((id) => received.filter((e) => e.id === id).length !== 1)).toEqual([]);
    const docs = await orders.find({ _id: { $in: ids } }).lean();
    expect(docs.filter((doc) => doc._outbox)).toEqual([]);
    expect(await mongo.collection(PENDING_COLLECTION).countDocuments({ docId: { $in: ids } })).toBe(0);
  });

  it('the relay leaves alone the events this process is still publishing, so a slow publish is not repeated', async () => {
    const published: string[] = [];
    const slow = Object.create(bus) as EventBus;
    slow.publish = async (event: EventEnvelope) => {
      published.push(event.id);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return bus.publish(event);
    };
    const outbox = new Outbox(mongo, slow, logger, { sweepGraceMs: 0 });
    const id = uniqueName('order');
    const event = OrderPlaced.create({ workspaceId, aggregateId: id, data: { item: 'slow publish' } });
    await outbox.insert(orders, { _id: id, item: 'slow publish' }, [event]);
    await outbox.sweep(0);
    await outbox.settled();
    expect(published.filter((sent) => sent === event.id)).toHaveLength(1);
    await eventually(async () => !(await orders.findById(id).lean())?._outbox, 'outbox cleared');
  });

  it('a batch insert announces each new document once, reports the ones already there, and leaves nothing pending', async () => {
    const received: EventEnvelope[] = [];
    await collectingConsumer('batch-reader', received, { filter: `${workspaceId}.test.order.placed` }).start();
    const outbox = new Outbox(mongo, bus, logger);
    const taken = uniqueName('batch');
    await orders.create({ _id: taken, item: 'there before' });
    const ids = [uniqueName('batch'), taken, uniqueName('batch'), uniqueName('batch')];
    const entries = ids.map((id) => ({ doc: { _id: id, item: `batch ${id}` }, events: [OrderPlaced.create({ workspaceId, aggregateId: id, data: { item: id } })] }));
    // Two documents changed meanwhile keep their changes whatever the clean-up does.
    const outcomes = await outbox.insertMany(orders, entries);
    await Promise.all([outbox.update(orders, { _id: ids[0] }, { $set: { step: 1 } }, []), outbox.update(orders, { _id: ids[2] }, { $set: { step: 2 } }, [])]);
    expect(outcomes).toEqual(['inserted', 'duplicate', 'inserted', 'inserted']);
    await outbox.settled();
    await eventually(() => [0, 2, 3].every((i) => received.some((e) => e.id === entries[i].events[0].id)), 'the new documents\' events');
    const docs = await orders.find({ _id: { $in: ids } }).lean();
    expect(docs.filter((doc) => doc._outbox)).toEqual([]);
    expect(docs.find((doc) => doc._id === taken)?.item).toBe('there before');
    expect(docs.find((doc) => doc._id === ids[0])?.step).toBe(1);
    expect(docs.find((doc) => doc._id === ids[2])?.step).toBe(2);
    expect(await mongo.collection(PENDING_COLLECTION).countDocuments({ docId: { $in: ids } })).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.filter((e) => e.id === entries[1].events[0].id)).toEqual([]);
    expect(entries.map((entry) => received.filter((e) => e.id === entry.events[0].id).length)).toEqual([1, 0, 1, 1]);
  });

  it('a batch insert into a collection not declared for batches (no _outboxRev index) is refused before anything is written', async () => {
    const plain = mongo.model('PlainOrder', withOutbox(new Schema<Order>({ _id: String, item: String }, { collection: 'plain_orders', versionKey: false })));
    const id = uniqueName('plain');
    const entry = { doc: { _id: id, item: 'unindexed' }, events: [OrderPlaced.create({ workspaceId, aggregateId: id, data: { item: 'unindexed' } })] };
    await expect(new Outbox(mongo, bus, logger).insertMany(plain, [entry])).rejects.toThrow(/batchInserts: true/);
    expect(await plain.findById(id).lean()).toBeNull();
    expect(await mongo.collection(PENDING_COLLECTION).countDocuments({ docId: id })).toBe(0);
  });

  it('a change written right after another is never undone by the clean-up of the first one\'s events', async () => {
    const outbox = new Outbox(mongo, bus, logger);
    const ids = Array.from({ length: 40 }, () => uniqueName('race'));
    await Promise.all(
      ids.map(async (id) => {
        await outbox.insert(orders, { _id: id, item: 'new', step: 0 }, [OrderPlaced.create({ workspaceId, aggregateId: id, data: { item: 'new' } })]);
        for (let step = 1; step <= 5; step++) {
          await outbox.update(orders, { _id: id }, { $set: { step } }, [OrderPlaced.create({ workspaceId, aggregateId: id, data: { item: `step ${step}` } })]);
        }
      }),
    );
    await outbox.settled();
    const docs = await orders.find({ _id: { $in: ids } }).lean();
    expect(docs.map((doc) => doc.step)).toEqual(ids.map(() => 5));
    expect(docs.filter((doc) => doc._outbox)).toEqual([]);
  });

  it('two replicas changing one document through their document locks lose no change, and each writer has its answer', async () => {
    // FerretDB rewrites a document whole on a conditional update: without the lock, concurrent
    // read-modify-writes from two processes drop each other's changes.
    const connections = [new Redis(sharedEngineUrls.REDIS_URL), new Redis(sharedEngineUrls.REDIS_URL)];
    const namespace = uniqueName('locks');
    const replicas = connections.map((redis) => new RedisDocumentLock(redis, namespace));
    try {
      await orders.create({ _id: 'locked-order', item: 'counted', step: 0 });
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          replicas[i % 2].run('locked-order', async () => {
            const current = await orders.findById('locked-order').lean();
            await orders.updateOne({ _id: 'locked-order' }, { $set: { step: (current?.step ?? 0) + 1 } });
            return i;
          }),
        ),
      );
      expect(answers).toEqual(Array.from({ length: 30 }, (_, i) => i));
      expect((await orders.findById('locked-order').lean())?.step).toBe(30);
      // A failing change is the writer's error, and the lease is given back for the next one.
      await expect(replicas[0].run('locked-order', async () => Promise.reject(new Error('refused change')))).rejects.toThrow('refused change');
      await expect(replicas[1].run('locked-order', async () => 'next')).resolves.toBe('next');
    } finally {
      await Promise.all(connections.map((redis) => redis.quit()));
    }
  });

  it('a failing handler is retried with back-off, then the event goes to the dead-letter stream', async () => {
    // A workspace of its own, so the new durable does not first work through every earlier case's events.
    const ownWorkspace = uniqueName('ws');
    const attempts: number[] = [];
    const event = OrderPlaced.create({ workspaceId: ownWorkspace, aggregateId: 'poison-order', data: { item: 'always fails' } });
    await collectingConsumer('flaky-reader', [], {
      filter: `${ownWorkspace}.test.order.placed`,
      types: [OrderPlaced.type],
      maxDeliveries: 3,
      backoffMs: 100,
      handle: async (e) => {
        if (e.id === event.id) {
          attempts.push(Date.now());
          throw new Error('downstream refused');
        }
      },
    }).start();
    await bus.publish(event);

    const dlq = await bus.js.consumers.get(bus.deadLetterStream);
    const parked = await eventually(async () => {
      const msg = await dlq.next({ expires: 1000 });
      return msg && JSONCodec<EventEnvelope>().decode(msg.data).id === event.id ? msg : null;
    }, 'the event in the dead-letter stream');
    expect(attempts).toHaveLength(3);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(150); // the second retry waits longer
    expect(parked!.headers?.get('Omnibox-Dlq-Reason')).toContain('downstream refused');
    expect(parked!.headers?.get('Omnibox-Dlq-Consumer')).toBe('flaky-reader');
  });

  it('a message that is not an event is parked in the dead-letter stream instead of blocking the consumer', async () => {
    const ownWorkspace = uniqueName('ws');
    const received: EventEnvelope[] = [];
    await collectingConsumer('poison-reader', received, { filter: `${ownWorkspace}.>` }).start();
    await bus.js.publish(`${bus.subjectPrefix}.${ownWorkspace}.test.order.placed`, new TextEncoder().encode('{not json'));
    const after = OrderPlaced.create({ workspaceId: ownWorkspace, aggregateId: 'after-poison', data: { item: 'next' } });
    await bus.publish(after);
    await eventually(() => received.some((e) => e.id === after.id), 'the event behind the poison message');
  });

  it('processed events are pruned past the retention, and a redelivery inside it is still skipped', async () => {
    const store = new MongoProcessedEventStore(mongo);
    await store.remember('pruner', 'old-event');
    await store.remember('pruner', 'recent-event');
    await mongo.collection('processed_events').updateOne({ _id: 'pruner:old-event' as never }, { $set: { at: new Date(Date.now() - 8 * 24 * 3600_000) } });
    expect(await store.prune(new Date(Date.now() - 7 * 24 * 3600_000))).toBe(1);
    expect(await store.has('pruner', 'old-event')).toBe(false);
    expect(await store.has('pruner', 'recent-event')).toBe(true);
  });
});
