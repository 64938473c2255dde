/**
 * Benchmark (issue #16): provider call events through the signed ingress while agents poll their call
 * tabs, over a workspace that already holds BENCH_CALLS call records, every service in its own process
 * on real engines.
 *   npm run bench:calls                                           # 100 000 calls; 50 events/s for 120 s; 20 agents
 *   BENCH_CALLS=2000 BENCH_SECONDS=5 BENCH_RATE=12 npm run bench:calls   # a quick look
 *   BENCH_PG_STATS=1 npm run bench:calls    # also what PostgreSQL (under FerretDB) spends its time on while streaming
 * Each streamed call rings, is answered a second later and ends two seconds after that (3 events).
 * Reports event → state visible (POST sent → the `calls.call.updated` its write announces, which the
 * same step projects into the call log), the tab list latency the agents see, events lost or doubled,
 * and the raw engine rates measured in the same run beside them.
 * Targets: list p95 < 50 ms, event → visible p95 < 500 ms, zero lost, zero doubled.
 */
import { createHmac } from 'node:crypto';
import { CallUpdated, EventEnvelope } from '@omnibox/contracts';
import { EventBus } from '@omnibox/messaging';
import { connectNats } from '@omnibox/platform';
import { consumersCaughtUp } from '@omnibox/testing';
import { Agent, request } from 'undici';
import { call, cpuMeter, intFromEnv, percentile, rssMiB } from '../support/bench';
import { startBenchPlatform } from '../support/platform-processes';
import { commandsPerMessage, readCommandCounts } from '../ingest/command-stats';
import { measureEngines } from './engine-rates';
import { startPgStats } from './pg-stats';
import { benchWorkspace, seedCalls } from './seeding';

const decoder = new TextDecoder();
const agent = new Agent({ connections: 128, keepAliveTimeout: 30_000 });
const STATUS_OF: Record<string, string> = { ringing: 'ringing', answered: 'ongoing', ended: 'ended' };
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  (n=${sorted.length})`;
};

const HANDLING = /^event_handling_seconds_(sum|count)\{consumer="([^"]*)"\} (\S+)$/;

/** Mean handling time per event of each of a service's durable consumers (its /metrics). */
async function handlingTimes(metricsUrl: string | undefined): Promise<string> {
  if (!metricsUrl) return 'no metrics';
  const totals = new Map<string, { sum: number; count: number }>();
  for (const line of (await (await request(metricsUrl)).body.text()).split('\n')) {
    const match = HANDLING.exec(line);
    if (!match) continue;
    const entry = totals.get(match[2]) ?? { sum: 0, count: 0 };
    entry[match[1] as 'sum' | 'count'] = Number(match[3]);
    totals.set(match[2], entry);
  }
  return [...totals].filter(([, { count }]) => count > 0).map(([name, { sum, count }]) => `${name} ${((sum / count) * 1000).toFixed(1)} ms × ${count}`).join(', ');
}

async function main() {
  const seeded = intFromEnv('BENCH_CALLS', 100_000);
  const rate = intFromEnv('BENCH_RATE', 50);
  const seconds = intFromEnv('BENCH_SECONDS', 120);
  const agentCount = intFromEnv('BENCH_AGENTS', 20);
  const contacts = intFromEnv('BENCH_CONTACTS', 5000);
  const drainSeconds = intFromEnv('BENCH_DRAIN_SECONDS', 30);
  // BENCH_CPU_PROFILE=<dir> profiles the services themselves (benchmarks/support/platform-processes.ts).
  const serviceEnv: Record<string, string> = { MONGODB_COMMAND_STATS: 'true' };
  const platform = await startBenchPlatform(['nats', 'redis', 'mongodb', 's3'], ['contacts', 'conversations', 'calls', 'gateway'], serviceEnv);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void platform.stop().finally(() => process.exit(130)));
  const nats = await connectNats(platform.engines.nats.url, 'bench-calls');
  const bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
  try {
    const gw = platform.gatewayUrl;
    const workspace = await benchWorkspace(gw, agentCount, 4);
    console.log(`calls benchmark: ${seeded} seeded calls over ${contacts} callers, then ${rate} events/s for ${seconds} s with ${agentCount} agents polling their tabs`);

    const seedStart = Date.now();
    const commandsBefore = await readCommandCounts(platform.metricsUrls);
    await seedCalls(bus, workspace, seeded, contacts);
    await consumersCaughtUp(bus, { timeoutMs: 2 * 3600_000, everyMs: 500 });
    const listed = (await call('GET', `${gw}/v1/calls?limit=1`, workspace.owner.token)).body.items.length;
    if (listed !== 1) throw new Error('the seeded calls are not listed');
    for (const line of commandsPerMessage(commandsBefore, await readCommandCounts(platform.metricsUrls), seeded)) console.log(line.replace('per message', 'per seeded call').replace('messages)', 'calls)'));
    console.log(`calls' consumers, mean time per event: ${await handlingTimes(platform.metricsUrls.calls)}`);
    console.log(`seeded ${seeded} calls through call events in ${((Date.now() - seedStart) / 1000).toFixed(0)} s (${(seeded / ((Date.now() - seedStart) / 1000)).toFixed(0)}/s, contacts created and call log built by the services)`);

    // Observe every call change: a plain subscription sees each publish, at less cost than a durable.
    // It also sees an outbox's repeated publish of one event, which JetStream drops (its msgID is the
    // event id) and no consumer receives: a change counts as doubled only when two distinct events
    // announce it, and repeats are reported apart.
    const observed = new Map<string, number[]>();
    const observedIds = new Map<string, Set<string>>();
    let repeats = 0;
    const observer = nats.connection.subscribe(`${platform.env.EVENT_SUBJECT_PREFIX}.*.${CallUpdated.type}`);
    void (async () => {
      for await (const msg of observer) {
        const event = JSON.parse(decoder.decode(msg.data)) as EventEnvelope;
        if (!CallUpdated.is(event) || !event.data.changed.includes('status') || !event.data.call.providerCallId) continue;
        const key = `${event.data.call.providerCallId}|${event.data.call.status}`;
        const ids = observedIds.get(key) ?? new Set<string>();
        if (ids.has(event.id)) {
          repeats++;
          continue;
        }
        observedIds.set(key, ids.add(event.id));
        observed.set(key, [...(observed.get(key) ?? []), Date.now()]);
      }
    })();
    await nats.connection.flush();

    const sentAt = new Map<string, number>();
    const post = async (callId: string, kind: 'ringing' | 'answered' | 'ended') => {
      const body = JSON.stringify({ type: 'call', id: `${callId}.${kind}`, timestamp: new Date().toISOString(), contact: { externalId: `caller-${Number(callId.split('-').pop()) % contacts}` }, call: { id: callId, direction: 'incoming', event: kind, ...(kind === 'ended' ? { durationSeconds: 2 } : {}) } });
      const signature = `sha256=${createHmac('sha256', workspace.channel.secret).update(body).digest('hex')}`;
      sentAt.set(`${callId}|${STATUS_OF[kind]}`, Date.now());
      const res = await request(`${gw}/v1/channels/${workspace.channel.id}/events`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', 'x-channel-signature': signature }, body });
      await res.body.text();
      if (res.statusCode !== 202) throw new Error(`ingress answered ${res.statusCode}`);
    };

    // Agents poll their tabs (a self agent only Assigned to me) as long as the stream runs.
    let polling = true;
    const listLatencies: number[] = [];
    let listErrors = 0;
    const pollers = [workspace.owner, ...workspace.agents].slice(0, agentCount).map(async (user, i) => {
      const tabs = user.restriction === 'self' ? ['mine'] : ['all', 'mine', 'unassigned'];
      for (let n = 0; polling; n++) {
        const started = process.hrtime.bigint();
        const res = await call('GET', `${gw}/v1/calls?tab=${tabs[(n + i) % tabs.length]}&limit=50`, user.token).catch(() => ({ status: 0, body: null }));
        listLatencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (res.status !== 200) listErrors++;
        await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 300));
      }
    });

    const cpu = cpuMeter({ ...Object.fromEntries(Object.entries(platform.processes).map(([name, child]) => [name, child?.pid])), ferretdb: platform.engines.mongodb.child?.pid, nats: platform.engines.nats.child?.pid, redis: platform.engines.redis.child?.pid });
    cpu.start();
    // BENCH_PG_STATS=1: PostgreSQL's busiest statements and table activity while streaming (pg-stats.ts).
    const pgStats = process.env.BENCH_PG_STATS ? await startPgStats((platform.engines.mongodb as unknown as { dir: string }).dir, seconds + 10) : undefined;
    const streamCommandsBefore = await readCommandCounts(platform.metricsUrls);
    const streamStart = Date.now();
    const total = rate * seconds;
    const inFlight = new Set<Promise<void>>();
    let failed = 0;
    // Open loop, as providers send: a new call every third event; each call's answer 1 s and end 3 s after it rang.
    for (let seq = 0; seq < total; seq += 3) {
      const due = streamStart + (seq * 1000) / rate;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const callId = `live-${streamStart}-${seq / 3}`;
      const job: Promise<void> = (async () => {
        await post(callId, 'ringing');
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await post(callId, 'answered');
        await new Promise((resolve) => setTimeout(resolve, 2000));
        await post(callId, 'ended');
      })().catch(() => void failed++).finally(() => inFlight.delete(job));
      inFlight.add(job);
    }
    await Promise.all(inFlight);
    const cpuWhileStreaming = cpu.report();
    const pgReport = pgStats ? await pgStats.stop() : [];
    const drainUntil = Date.now() + drainSeconds * 1000;
    while (Date.now() < drainUntil && [...sentAt.keys()].some((key) => !observed.has(key))) await new Promise((resolve) => setTimeout(resolve, 200));
    polling = false;
    const streamCommands = commandsPerMessage(streamCommandsBefore, await readCommandCounts(platform.metricsUrls), sentAt.size);
    await Promise.all(pollers);
    observer.unsubscribe();

    const visible = [...sentAt].filter(([key]) => observed.has(key)).map(([key, at]) => observed.get(key)![0] - at);
    const lost = [...sentAt.keys()].filter((key) => !observed.has(key)).length;
    const doubledKeys = [...observed].filter(([key, times]) => sentAt.has(key) && times.length > 1).map(([key]) => key);
    const doubled = doubledKeys.length;
    const engines = await measureEngines({ mongodb: platform.env.MONGODB_URL, redis: platform.env.REDIS_URL }, bus, intFromEnv('BENCH_ENGINE_OPS', 2000));

    console.log(`stream: ${sentAt.size} call events sent in ${((Date.now() - streamStart) / 1000).toFixed(0)} s (${failed} calls refused at ingress)`);
    console.log(`event → state visible: ${stats(visible)}`);
    console.log(`tab list at ${seeded} call records (${agentCount} agents polling): ${stats(listLatencies)}, ${listErrors} errors`);
    const doubledBy = doubledKeys.reduce<Record<string, number>>((acc, key) => ({ ...acc, [key.split('|')[1]]: (acc[key.split('|')[1]] ?? 0) + 1 }), {});
    console.log(`lost: ${lost}  doubled: ${doubled}${doubled ? ` (by status: ${JSON.stringify(doubledBy)})` : ''}  (repeated publishes of one event, dropped by JetStream: ${repeats})`);
    console.log('raw engine rates, same run and machine (one at a time):');
    for (const engine of engines) console.log(`  ${engine.name.padEnd(40)} ${engine.perSecond.toFixed(0)}/s  p95 ${engine.p95.toFixed(2)} ms`);
    console.log(`CPU while streaming (share of one core): ${cpuWhileStreaming}`);
    for (const line of streamCommands) console.log(line.replace('per message', 'per streamed event').replace('messages)', 'events, with the agents\' polling)'));
    for (const line of pgReport) console.log(line);
    console.log(`memory (RSS): ${Object.entries(platform.processes).map(([name, child]) => `${name} ${rssMiB(child!.pid)} MiB`).join(', ')}`);
    const listP95 = percentile([...listLatencies].sort((a, b) => a - b), 95);
    const visibleP95 = percentile([...visible].sort((a, b) => a - b), 95);
    console.log(`targets: list p95 < 50 ms ${listP95 < 50 ? 'met' : 'NOT met'}; event → visible p95 < 500 ms ${visibleP95 < 500 ? 'met' : 'NOT met'}; zero lost ${lost === 0 ? 'met' : 'NOT met'}; zero doubled ${doubled === 0 ? 'met' : 'NOT met'}`);
  } finally {
    await nats.close().catch(() => undefined);
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
