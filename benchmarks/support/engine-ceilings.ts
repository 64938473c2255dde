import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { connect as connectTcp } from 'node:net';
import { Client as Elasticsearch } from '@elastic/elasticsearch';
import Redis from 'ioredis';
import mongoose from 'mongoose';
import { connect, JSONCodec, nanos, RetentionPolicy, StorageType } from 'nats';
import { measure, percentile } from './bench';

/**
 * The raw rate of an engine on the kind of operation a benchmark's path leans on, measured in the same
 * run (issue #19), so a figure can be read as "how much of the engine we use": single-document inserts
 * and updates on the MongoDB-wire engine at the benchmark's concurrency, JetStream publishes with
 * acknowledgement, Redis round trips, Elasticsearch bulk indexing and a term query.
 */
export interface Ceiling {
  name: string;
  perSecond: number;
  p50: number;
  p99: number;
}

const OPS = Number(process.env.BENCH_CEILING_OPS) || 3000;

async function timed(name: string, count: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<Ceiling> {
  const report = await measure(count, concurrency, async (i) => {
    await op(i);
    return true;
  });
  return { name, perSecond: report.throughput, p50: report.p50, p99: report.p99 };
}

/** Single-document inserts, then `$set` updates by `_id`, on a scratch collection. */
export async function mongoCeilings(url: string, concurrency: number): Promise<Ceiling[]> {
  const connection = await mongoose.createConnection(url, { dbName: `ceiling_${randomUUID().slice(0, 8)}` }).asPromise();
  try {
    const rows = connection.collection('ceiling');
    const ids = Array.from({ length: OPS }, () => randomUUID());
    const inserts = await timed(`mongodb insertOne (c=${concurrency})`, OPS, concurrency, (i) => rows.insertOne({ _id: ids[i] as never, n: i, text: 'a small document like a timeline entry' }));
    const updates = await timed(`mongodb updateOne by _id (c=${concurrency})`, OPS, concurrency, (i) => rows.updateOne({ _id: ids[i] as never }, { $set: { n: i + 1 } }));
    return [inserts, updates];
  } finally {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
}

/** Publishes acknowledged by JetStream on a scratch stream (file storage, like the event stream). */
export async function natsCeiling(url: string, concurrency: number): Promise<Ceiling> {
  const connection = await connect({ servers: url, noAsyncTraces: true });
  const stream = `CEILING_${randomUUID().slice(0, 8).toUpperCase()}`;
  const subject = stream.toLowerCase();
  try {
    const jsm = await connection.jetstreamManager();
    await jsm.streams.add({ name: stream, subjects: [`${subject}.>`], storage: StorageType.File, retention: RetentionPolicy.Limits, duplicate_window: nanos(60_000) });
    const js = connection.jetstream();
    const codec = JSONCodec();
    const ceiling = await timed(`jetstream publish+ack (c=${concurrency})`, OPS, concurrency, (i) => js.publish(`${subject}.w.event`, codec.encode({ i, data: 'an event envelope of a few hundred bytes'.repeat(6) }), { msgID: `${stream}-${i}` }));
    await jsm.streams.delete(stream);
    return ceiling;
  } finally {
    await connection.close();
  }
}

/** Round trips (a `GET` of a missing key, the cheapest command). */
export async function redisCeiling(url: string, concurrency: number): Promise<Ceiling> {
  const redis = new Redis(url);
  try {
    return await timed(`redis round trip (c=${concurrency})`, OPS * 3, concurrency, (i) => redis.get(`ceiling:${i}`));
  } finally {
    redis.disconnect();
  }
}

/** Bulk indexing (documents per second, 500 per request) and a term query. */
export async function elasticsearchCeilings(url: string, concurrency: number): Promise<Ceiling[]> {
  const client = new Elasticsearch({ node: url });
  const index = `ceiling-${randomUUID().slice(0, 8)}`;
  try {
    await client.indices.create({ index, settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: '1s' } });
    const batches = 10;
    const perBatch = 500;
    const started = process.hrtime.bigint();
    for (let b = 0; b < batches; b++) {
      const operations = Array.from({ length: perBatch }, (_, i) => [{ index: { _index: index } }, { contactId: `c${(b * perBatch + i) % 97}`, text: `message number ${b * perBatch + i} about an order` }]).flat();
      await client.bulk({ operations, refresh: false });
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await client.indices.refresh({ index });
    const bulk: Ceiling = { name: `elasticsearch bulk index (${perBatch}/request)`, perSecond: (batches * perBatch) / seconds, p50: 0, p99: 0 };
    const latencies: number[] = [];
    const query = await timed(`elasticsearch term query (c=${concurrency})`, OPS / 3, concurrency, async (i) => {
      const t0 = process.hrtime.bigint();
      await client.search({ index, query: { term: { contactId: `c${i % 97}` } }, size: 20 });
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
    latencies.sort((a, b) => a - b);
    return [bulk, { ...query, p50: percentile(latencies, 50), p99: percentile(latencies, 99) }];
  } finally {
    await client.indices.delete({ index }).catch(() => undefined);
    await client.close();
  }
}

/**
 * The machine's own speed, on one thread of the load generator: an event envelope's JSON written, read
 * back and signed (HMAC-SHA256), as a service does with every event. Engines' ceilings move with the
 * machine too; this one has no engine in it, so figures of different days can be told apart: a day
 * whose probe is half as fast gives every figure about half the room.
 */
export function cpuCeiling(operations = 20 * OPS): Ceiling {
  const envelope = { id: randomUUID(), type: 'conversations.message.created', workspaceId: randomUUID(), aggregateId: randomUUID(), occurredAt: new Date().toISOString(), data: { text: 'a message of a few words '.repeat(8), sender: { category: 'contact' } } };
  const round = (count: number) => {
    let checksum = 0;
    for (let i = 0; i < count; i++) {
      const json = JSON.stringify({ ...envelope, version: i });
      checksum += (JSON.parse(json) as { version: number }).version & 1;
      checksum += createHmac('sha256', 'bench-secret').update(json).digest()[0] & 1;
    }
    return checksum;
  };
  round(operations / 4); // warm-up: compiled code, as in a running service
  const started = process.hrtime.bigint();
  const checksum = round(operations);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (checksum < 0) throw new Error('unreachable: the checksum keeps the loop from being optimised away');
  return { name: 'node CPU probe: event JSON + HMAC (1 thread)', perSecond: operations / seconds, p50: 0, p99: 0 };
}

/** An echo server in a process of its own, printing its port. */
const ECHO_SERVER = `require('node:net').createServer((s) => s.on('data', (d) => s.write(d))).listen(0, '127.0.0.1', function () { console.log(this.address().port); })`;

/**
 * The machine's price of one hop between processes: a 64-byte message to an echo server in another
 * process on loopback and back, one at a time. Every event and call of the platform pays a few of
 * these; on a virtual machine they cost wake-ups the CPU probe does not see.
 */
export async function loopbackCeiling(roundTrips = 10 * OPS): Promise<Ceiling> {
  const server = spawn(process.execPath, ['-e', ECHO_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [portLine] = (await once(server.stdout, 'data')) as [Buffer];
    const socket = connectTcp(Number(portLine.toString().trim()), '127.0.0.1');
    await once(socket, 'connect');
    socket.setNoDelay(true);
    const message = Buffer.alloc(64, 1);
    // One message in flight at a time, so each answer is whole once 64 bytes are back.
    let received = 0;
    let answered: (() => void) | undefined;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received < message.length) return;
      received = 0;
      answered?.();
    });
    const roundTrip = () => new Promise<void>((resolve) => {
      answered = resolve;
      socket.write(message);
    });
    try {
      return await timed('loopback TCP round trip, 2 processes (c=1)', roundTrips, 1, roundTrip);
    } finally {
      socket.destroy();
    }
  } finally {
    server.kill();
  }
}

export function formatCeiling(ceiling: Ceiling): string {
  const latency = ceiling.p99 ? `  p50 ${ceiling.p50.toFixed(2)} ms  p99 ${ceiling.p99.toFixed(2)} ms` : '';
  return `  ${ceiling.name.padEnd(44)} ${ceiling.perSecond.toFixed(0).padStart(7)}/s${latency}`;
}

/** Measures the ceilings of the named engines and prints them; answers them by name for ratios. */
export async function measureCeilings(
  engines: { MONGODB_URL?: string; NATS_URL?: string; REDIS_URL?: string; ELASTICSEARCH_URL?: string },
  concurrency: number,
): Promise<Record<string, Ceiling>> {
  const found: Ceiling[] = [cpuCeiling(), await loopbackCeiling()];
  if (engines.MONGODB_URL) found.push(...(await mongoCeilings(engines.MONGODB_URL, concurrency)));
  if (engines.NATS_URL) found.push(await natsCeiling(engines.NATS_URL, concurrency));
  if (engines.REDIS_URL) found.push(await redisCeiling(engines.REDIS_URL, concurrency));
  if (engines.ELASTICSEARCH_URL) found.push(...(await elasticsearchCeilings(engines.ELASTICSEARCH_URL, concurrency)));
  console.log(`engine ceilings, measured now on the same machine (${OPS} operations each; the CPU probe ${20 * OPS}, the loopback ${10 * OPS}):`);
  for (const ceiling of found) console.log(formatCeiling(ceiling));
  return Object.fromEntries(found.map((ceiling) => [ceiling.name.split(' (')[0], ceiling]));
}

/** "our 300/s is 24 % of the engine's 1 250/s" */
export function ratio(ours: number, ceiling: Ceiling | undefined, unit = '/s'): string {
  if (!ceiling) return '';
  return `${((100 * ours) / ceiling.perSecond).toFixed(0)} % of ${ceiling.name}'s ${ceiling.perSecond.toFixed(0)}${unit}`;
}
