/**
 * Benchmark (issue #4): signed inbound messages at a steady rate through the gateway's ingress, for
 * several minutes, with every service in its own process on real engines.
 *   npm run bench:ingest                               # 300 messages/s for 180 s over 2 000 contacts
 *   BENCH_RATE=100 BENCH_SECONDS=30 npm run bench:ingest
 *   BENCH_NEW_CONTACTS=1 npm run bench:ingest          # contacts first seen during the measurement
 *   npm run bench:ingest -- --format=whatsapp          # WhatsApp Cloud API webhooks instead of signed events
By default every contact writes once before the measurement (as in a running workspace, where most
messages come from people already known); with BENCH_NEW_CONTACTS=1 the first message of each contact
falls inside the measured minutes and creates it.
 * Reports accepted/s, end-to-end latency (POST sent → message on the timeline, observed as the
 * `conversations.message.created` event that the timeline write announces), and lost / duplicated
 * messages. Target: ≥ 300/s sustained, p99 < 1 s, zero lost, zero duplicated.
 * With --format=whatsapp the messages come as the Cloud API sends them: signed webhooks
 * (`X-Hub-Signature-256`) on /v1/channels/{id}/webhook, the messages due at the same moment batched as
 * entries of one body (at most BENCH_WA_BATCH), each answered 200 once stored; the same target applies.
 */
import { EventEnvelope, MessageCreated } from '@omnibox/contracts';
import { connectNats } from '@omnibox/platform';
import { Agent, request } from 'undici';
import { call, cpuMeter, intFromEnv, percentile, rssMiB } from '../support/bench';
import { measureCeilings, ratio } from '../support/engine-ceilings';
import { startBenchPlatform } from '../support/platform-processes';
import { ingressFormat, Inbound } from './formats';

const textDecoder = new TextDecoder();
const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 });

async function main() {
  const rate = intFromEnv('BENCH_RATE', 300);
  const seconds = intFromEnv('BENCH_SECONDS', 180);
  const contacts = intFromEnv('BENCH_CONTACTS', 2000);
  const drainSeconds = intFromEnv('BENCH_DRAIN_SECONDS', 60);
  const warmUp = process.env.BENCH_NEW_CONTACTS !== '1';
  const total = rate * seconds;
  // BENCH_NODE_OPTIONS reaches the services only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where time goes).
  const serviceNodeOptions: Record<string, string> = process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {};
  const platform = await startBenchPlatform(['nats', 'redis', 'mongodb'], ['contacts', 'conversations', 'gateway'], serviceNodeOptions);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void platform.stop().finally(() => process.exit(130)));
  // The engines' own rates first, on the idle platform, so our figures can be read against them.
  const ceilings = await measureCeilings(platform.env, 32);
  const nats = await connectNats(platform.engines.nats.url, 'bench-ingest');
  try {
    const gw = platform.gatewayUrl;
    const workspace = await call('POST', `${gw}/v1/workspaces`, undefined, { name: 'Bench', owner: { firstName: 'Bea', email: `bea.${Date.now()}@example.com`, password: 'bench-password-1' } });
    const token = workspace.body.token as string;
    const format = ingressFormat(process.argv, gw, token);
    await format.connect();

    // Observe messages reaching timelines: each one is announced by the write that stores it. A plain
    // subscription to the subject sees every publish (JetStream stores the same messages), so the
    // observer costs the machine less than a durable consumer would.
    const sentAt = new Array<number>(total);
    const seenAt = new Array<number>(total).fill(0);
    const messageIds = new Map<number, Set<string>>();
    const warmedUp = new Set<string>();
    const observer = nats.connection.subscribe(`${platform.env.EVENT_SUBJECT_PREFIX}.*.${MessageCreated.type}`);
    void (async () => {
      for await (const msg of observer) {
        const event = JSON.parse(textDecoder.decode(msg.data)) as EventEnvelope;
        if (!MessageCreated.is(event) || event.data.message.direction !== 'incoming') continue;
        const text = event.data.message.text ?? '';
        const warm = /#w(\d+)$/.exec(text)?.[1];
        if (warm) warmedUp.add(warm);
        const seq = Number(/#(\d+)$/.exec(text)?.[1]);
        if (!Number.isInteger(seq)) continue;
        if (!seenAt[seq]) seenAt[seq] = Date.now();
        const ids = messageIds.get(seq) ?? new Set<string>();
        ids.add(event.data.message.id);
        messageIds.set(seq, ids);
      }
    })();
    await nats.connection.flush();

    /** Posts messages in one request (the generic format takes one at a time); answers how many were accepted. */
    const deliver = async (messages: Inbound[]): Promise<number> => {
      const { body, headers } = format.request(messages);
      const res = await request(format.url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', ...headers }, body });
      await res.body.text();
      return res.statusCode === format.acceptedStatus ? messages.length : 0;
    };

    if (warmUp) {
      // Every contact writes once, at a pace the platform takes, before anything is measured.
      const warmStarted = Date.now();
      for (let contact = 0; contact < contacts; contact += 20) {
        await Promise.all(Array.from({ length: Math.min(20, contacts - contact) }, (_, i) => deliver([{ id: `warm-${warmStarted}-${contact + i}`, contact: contact + i, text: `Hi #w${contact + i}` }])));
      }
      while (warmedUp.size < contacts && Date.now() - warmStarted < 600_000) await new Promise((resolve) => setTimeout(resolve, 200));
      console.log(`warm-up: ${warmedUp.size} contacts wrote once in ${((Date.now() - warmStarted) / 1000).toFixed(1)} s`);
    }

    console.log(`ingest benchmark (${format.name}): ${rate} messages/s for ${seconds} s (${total} messages) over ${contacts} ${warmUp ? 'known' : 'new'} contacts`);
    let accepted = 0;
    let refused = 0;
    const acceptLatency: number[] = [];
    const inFlight = new Set<Promise<void>>();
    const cpu = cpuMeter({
      ...Object.fromEntries(Object.entries(platform.processes).map(([name, child]) => [name, child?.pid])),
      ferretdb: platform.engines.mongodb.child?.pid,
      nats: platform.engines.nats.child?.pid,
      redis: platform.engines.redis.child?.pid,
    });
    const started = Date.now();
    cpu.start();
    const post = async (seqs: number[]) => {
      const t0 = Date.now();
      for (const seq of seqs) sentAt[seq] = t0;
      try {
        const taken = await deliver(seqs.map((seq) => ({ id: `bench-${started}-${seq}`, contact: seq % contacts, text: `Hello, this is a question about my order #${seq}` })));
        accepted += taken;
        refused += seqs.length - taken;
      } catch {
        refused += seqs.length;
      }
      for (let i = 0; i < seqs.length; i++) acceptLatency.push(Date.now() - t0);
    };
    // Open loop: messages leave on schedule whatever the answers take, as providers send them; those
    // due at the same moment share a request when the format batches (WhatsApp's entries).
    for (let seq = 0; seq < total; ) {
      const due = started + (seq * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const batch = [seq++];
      while (seq < total && batch.length < format.batch && started + (seq * 1000) / rate <= Date.now()) batch.push(seq++);
      const job: Promise<void> = post(batch).finally(() => inFlight.delete(job));
      inFlight.add(job);
      if (Math.floor(seq / (rate * 30)) > Math.floor((seq - batch.length) / (rate * 30))) {
        const done = seenAt.filter(Boolean).length;
        console.log(`  t=${((Date.now() - started) / 1000).toFixed(0)} s sent ${seq}, accepted ${accepted}, on timelines ${done}, backlog ${seq - done}`);
      }
    }
    await Promise.all(inFlight);
    const sendSeconds = (Date.now() - started) / 1000;
    const cpuWhileSending = cpu.report();
    const drainUntil = Date.now() + drainSeconds * 1000;
    while (Date.now() < drainUntil && seenAt.filter(Boolean).length < accepted) await new Promise((resolve) => setTimeout(resolve, 200));
    const lastSeen = Math.max(...seenAt);
    observer.unsubscribe();

    const latencies = seenAt.map((at, seq) => (at ? at - sentAt[seq] : NaN)).filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
    const missing = accepted - latencies.length;
    const duplicated = [...messageIds.values()].filter((ids) => ids.size > 1).length;
    const accepts = acceptLatency.sort((a, b) => a - b);
    const processedSeconds = (lastSeen - started) / 1000;
    console.log(`accepted ${accepted}/${total} (${refused} refused) in ${sendSeconds.toFixed(1)} s: ${(accepted / sendSeconds).toFixed(0)} accepted/s`);
    console.log(`${format.acceptedStatus} latency: p50 ${percentile(accepts, 50)} ms  p95 ${percentile(accepts, 95)} ms  p99 ${percentile(accepts, 99)} ms`);
    const processedRate = latencies.length / processedSeconds;
    console.log(`on timelines: ${latencies.length} in ${processedSeconds.toFixed(1)} s (${processedRate.toFixed(0)}/s)`);
    // Each message costs about one timeline insert, one thread update and two acknowledged publishes.
    console.log(`  as a share of the engines: inserts ${ratio(processedRate, ceilings['mongodb insertOne'])}; updates ${ratio(processedRate, ceilings['mongodb updateOne by _id'])}; publishes ${ratio(processedRate * 2, ceilings['jetstream publish+ack'])}`);
    console.log(`end to end (ingress → timeline): p50 ${percentile(latencies, 50)} ms  p95 ${percentile(latencies, 95)} ms  p99 ${percentile(latencies, 99)} ms  max ${latencies[latencies.length - 1]} ms`);
    // Latency by when the message was sent, to tell a start-up transient from a steady backlog.
    const windowSeconds = 30;
    const windows: string[] = [];
    for (let from = 0; from < seconds; from += windowSeconds) {
      const inWindow = seenAt
        .map((at, seq) => ({ at, seq }))
        .filter(({ at, seq }) => at && sentAt[seq] - started >= from * 1000 && sentAt[seq] - started < (from + windowSeconds) * 1000)
        .map(({ at, seq }) => at - sentAt[seq])
        .sort((a, b) => a - b);
      windows.push(`${from}-${Math.min(seconds, from + windowSeconds)} s: p50 ${percentile(inWindow, 50)} p99 ${percentile(inWindow, 99)}`);
    }
    console.log(`end to end by send time (ms): ${windows.join(' | ')}`);
    console.log(`not on a timeline within ${drainSeconds} s after the last send: ${missing}; duplicated ${duplicated}`);
    const memory = Object.entries(platform.processes).map(([name, child]) => `${name} ${rssMiB(child!.pid)} MiB`);
    console.log(`CPU while sending (share of one core): ${cpuWhileSending}`);
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
