/**
 * Benchmark (issue #4): signed inbound messages at a steady rate through the gateway's ingress, for
 * several minutes, with every service in its own process on real engines.
 *   npm run bench:ingest                               # 300 messages/s for 180 s over 2 000 contacts
 *   BENCH_RATE=100 BENCH_SECONDS=30 npm run bench:ingest
 * Reports accepted/s, end-to-end latency (POST sent → message on the timeline, observed as the
 * `conversations.message.created` event that the timeline write announces), and lost / duplicated
 * messages. Target: ≥ 300/s sustained, p99 < 1 s, zero lost, zero duplicated.
 */
import { createHmac } from 'node:crypto';
import { EventEnvelope, MessageCreated } from '@omnibox/contracts';
import { EventBus, EventConsumer } from '@omnibox/messaging';
import { connectNats, createLogger } from '@omnibox/platform';
import { Agent, request } from 'undici';
import { call, intFromEnv, percentile, rssMiB } from '../support/bench';
import { startBenchPlatform } from '../support/platform-processes';

const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 });

async function main() {
  const rate = intFromEnv('BENCH_RATE', 300);
  const seconds = intFromEnv('BENCH_SECONDS', 180);
  const contacts = intFromEnv('BENCH_CONTACTS', 2000);
  const drainSeconds = intFromEnv('BENCH_DRAIN_SECONDS', 60);
  const total = rate * seconds;
  const platform = await startBenchPlatform(['nats', 'redis', 'mongodb'], ['contacts', 'conversations', 'gateway']);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void platform.stop().finally(() => process.exit(130)));
  const nats = await connectNats(platform.engines.nats.url, 'bench-ingest');
  try {
    const gw = platform.gatewayUrl;
    const workspace = await call('POST', `${gw}/v1/workspaces`, undefined, { name: 'Bench', owner: { firstName: 'Bea', email: `bea.${Date.now()}@example.com`, password: 'bench-password-1' } });
    const token = workspace.body.token as string;
    const channel = (await call('POST', `${gw}/v1/channels`, token, { type: 'api', name: 'Bench API' })).body as { id: string; secret: string };

    // Observe messages reaching timelines: each one is announced by the write that stores it.
    const sentAt = new Array<number>(total);
    const seenAt = new Array<number>(total).fill(0);
    const messageIds = new Map<number, Set<string>>();
    const bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
    await bus.ensureStreams();
    const observer = new EventConsumer(
      bus,
      {
        durable: `bench-observer-${Date.now()}`,
        filter: '*.conversations.message.created',
        concurrency: 64,
        handle: async (event: EventEnvelope) => {
          if (!MessageCreated.is(event) || event.data.message.direction !== 'incoming') return;
          const seq = Number(/#(\d+)$/.exec(event.data.message.text ?? '')?.[1]);
          if (!Number.isInteger(seq)) return;
          if (!seenAt[seq]) seenAt[seq] = Date.now();
          const ids = messageIds.get(seq) ?? new Set<string>();
          ids.add(event.data.message.id);
          messageIds.set(seq, ids);
        },
      },
      createLogger('bench', 'silent'),
    );
    await observer.start();

    console.log(`ingest benchmark: ${rate} messages/s for ${seconds} s (${total} messages) over ${contacts} contacts`);
    let accepted = 0;
    let refused = 0;
    const acceptLatency: number[] = [];
    const inFlight = new Set<Promise<void>>();
    const started = Date.now();
    const post = async (seq: number) => {
      const body = JSON.stringify({
        type: 'message',
        id: `bench-${started}-${seq}`,
        timestamp: new Date().toISOString(),
        contact: { externalId: `customer-${seq % contacts}`, firstName: `Customer ${seq % contacts}` },
        message: { type: 'text', text: `Hello, this is a question about my order #${seq}` },
      });
      const signature = `sha256=${createHmac('sha256', channel.secret).update(body).digest('hex')}`;
      const t0 = Date.now();
      sentAt[seq] = t0;
      try {
        const res = await request(`${gw}/v1/channels/${channel.id}/events`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', 'x-channel-signature': signature }, body });
        await res.body.text();
        if (res.statusCode === 202) accepted++;
        else refused++;
      } catch {
        refused++;
      }
      acceptLatency.push(Date.now() - t0);
    };
    // Open loop: messages leave on schedule whatever the answers take, as providers send them.
    for (let seq = 0; seq < total; seq++) {
      const due = started + (seq * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const job: Promise<void> = post(seq).finally(() => inFlight.delete(job));
      inFlight.add(job);
      if (seq > 0 && seq % (rate * 30) === 0) {
        const done = seenAt.filter(Boolean).length;
        console.log(`  t=${((Date.now() - started) / 1000).toFixed(0)} s sent ${seq}, accepted ${accepted}, on timelines ${done}, backlog ${seq - done}`);
      }
    }
    await Promise.all(inFlight);
    const sendSeconds = (Date.now() - started) / 1000;
    const drainUntil = Date.now() + drainSeconds * 1000;
    while (Date.now() < drainUntil && seenAt.filter(Boolean).length < accepted) await new Promise((resolve) => setTimeout(resolve, 200));
    const lastSeen = Math.max(...seenAt);
    await observer.stop();

    const latencies = seenAt.map((at, seq) => (at ? at - sentAt[seq] : NaN)).filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
    const missing = accepted - latencies.length;
    const duplicated = [...messageIds.values()].filter((ids) => ids.size > 1).length;
    const accepts = acceptLatency.sort((a, b) => a - b);
    const processedSeconds = (lastSeen - started) / 1000;
    console.log(`accepted ${accepted}/${total} (${refused} refused) in ${sendSeconds.toFixed(1)} s: ${(accepted / sendSeconds).toFixed(0)} accepted/s`);
    console.log(`202 latency: p50 ${percentile(accepts, 50)} ms  p95 ${percentile(accepts, 95)} ms  p99 ${percentile(accepts, 99)} ms`);
    console.log(`on timelines: ${latencies.length} in ${processedSeconds.toFixed(1)} s (${(latencies.length / processedSeconds).toFixed(0)}/s)`);
    console.log(`end to end (ingress → timeline): p50 ${percentile(latencies, 50)} ms  p95 ${percentile(latencies, 95)} ms  p99 ${percentile(latencies, 99)} ms  max ${latencies[latencies.length - 1]} ms`);
    console.log(`not on a timeline within ${drainSeconds} s after the last send: ${missing}; duplicated ${duplicated}`);
    const memory = Object.entries(platform.processes).map(([name, child]) => `${name} ${rssMiB(child!.pid)} MiB`);
    console.log(`memory (RSS): ${memory.join(', ')}, ferretdb ${rssMiB(platform.engines.mongodb.child!.pid)} MiB`);
    const sustained = accepted / sendSeconds >= rate * 0.98 && latencies.length / processedSeconds >= rate * 0.98;
    console.log(`target ≥ 300/s sustained: ${sustained && rate >= 300 ? 'met' : 'NOT met'}; p99 < 1 s: ${percentile(latencies, 99) < 1000 ? 'met' : 'NOT met'}; zero lost: ${missing === 0 ? 'met' : `NOT shown (${missing} still queued or lost)`}; zero duplicated: ${duplicated === 0 ? 'met' : 'NOT met'}`);
  } finally {
    await nats.close();
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
