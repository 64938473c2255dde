import { randomUUID } from 'node:crypto';
import { EventBus } from '@omnibox/messaging';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';
import { percentile } from '../support/bench';

/** Rate and latency of one raw engine operation, done one at a time (as one request does them). */
export interface EngineRate {
  name: string;
  perSecond: number;
  p95: number;
}

async function timed(name: string, count: number, operation: (i: number) => Promise<unknown>): Promise<EngineRate> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    await operation(i);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, perSecond: count / seconds, p95: percentile(latencies.sort((a, b) => a - b), 95) };
}

/**
 * What the engines do raw, measured in the same run and on the same machine as the figures they are
 * printed beside: a MongoDB-wire insert and read by id (FerretDB), a Redis series read and a pipeline of
 * row reads (a list page's work), a JetStream publish (every event). A scratch database, key prefix
 * and subject are used and removed.
 */
export async function measureEngines(urls: { mongodb: string; redis: string }, bus: EventBus, count: number): Promise<EngineRate[]> {
  const scratch = `bench_raw_${Date.now()}`;
  const mongo = await MongoClient.connect(urls.mongodb);
  const redis = new Redis(urls.redis);
  try {
    const collection = mongo.db(scratch).collection<{ _id: string; n: number; payload: string }>('docs');
    const ids = Array.from({ length: count }, () => randomUUID());
    const rates = [
      await timed('FerretDB insert one document', count, (i) => collection.insertOne({ _id: ids[i], n: i, payload: 'x'.repeat(600) })),
      await timed('FerretDB find one by _id', count, (i) => collection.findOne({ _id: ids[(i * 7919) % count] })),
    ];
    const series = `${scratch}:series`;
    for (let i = 0; i < count; i += 500) {
      const pipeline = redis.pipeline();
      for (let j = i; j < Math.min(count, i + 500); j++) pipeline.zadd(series, j, ids[j]).hset(`${scratch}:row:${ids[j]}`, 'r', 'x'.repeat(600));
      await pipeline.exec();
    }
    rates.push(await timed('Redis ZREVRANGEBYSCORE 51 of a series', count, () => redis.zrevrangebyscore(series, '+inf', '-inf', 'WITHSCORES', 'LIMIT', 0, 51)));
    rates.push(
      await timed('Redis pipeline of 50 row reads', count, (i) => {
        const pipeline = redis.pipeline();
        for (let j = 0; j < 50; j++) pipeline.hget(`${scratch}:row:${ids[(i + j) % count]}`, 'r');
        return pipeline.exec();
      }),
    );
    const subject = `${bus.subjectPrefix}.bench.raw.publish.measured`;
    rates.push(await timed('JetStream publish (acknowledged)', count, () => bus.js.publish(subject, new TextEncoder().encode('{}'), { msgID: randomUUID() })));
    return rates;
  } finally {
    await mongo.db(scratch).dropDatabase().catch(() => undefined);
    const keys = await redis.keys(`${scratch}:*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    redis.disconnect();
    await mongo.close();
  }
}
