/**
 * Benchmark (issue #14): the notification centre and Web Push under a busy team.
 *   npm run bench:notifications                            # 50 members, 100 messages/s for 120 s
 *   BENCH_SECONDS=10 BENCH_RATE=20 npm run bench:notifications
 * A team of BENCH_MEMBERS agents; BENCH_RATE incoming messages per second on BENCH_THREADS unowned
 * threads of its inbox (each message grows one coalesced team_message per member), plus mentions and
 * assignments, published as the conversations service announces them. Measures notification changes
 * written per second, event → notification written (seen on the event stream) p50 / p95 / p99, event →
 * push received at a loopback Web Push service p95, and the raw insert rate of the same MongoDB-wire
 * engine in the same run; then reads every member's centre back: nothing lost or doubled.
 * Target on the reference machine: every event notified within 2 s at p99.
 */
import { loadavg } from 'node:os';
import { EventEnvelope, NotificationsChanged } from '@omnibox/contracts';
import { EventBus, EventConsumer } from '@omnibox/messaging';
import { connectNats, createLogger } from '@omnibox/platform';
import { consumersCaughtUp, LoopbackPushService, uniqueName } from '@omnibox/testing';
import { MongoClient } from 'mongodb';
import webpush from 'web-push';
import WebSocket from 'ws';
import { call, cpuMeter, intFromEnv, percentile, rssMiB } from '../support/bench';
import { startBenchPlatform } from '../support/platform-processes';
import { assignment, incomingMessage, mention, Workload } from './events';
import { Expected, verify } from './verify';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const figures = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 };
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** The engine's raw insert rate: notification-sized documents, batches of 100, four at a time. */
async function rawInsertRate(url: string, database: string, count: number): Promise<number> {
  const client = await MongoClient.connect(url);
  try {
    const collection = client.db(database).collection('raw_inserts');
    const doc = (i: number) => ({ _id: `raw-${i}`, userId: `u${i % 50}`, kind: 'team_message', contactId: `c${i % 200}`, title: 'Bench · Team', body: 'x'.repeat(40), base: 0, lastCount: 1, read: false, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < count) {
          const from = next;
          next += 100;
          await collection.insertMany(Array.from({ length: Math.min(100, count - from) }, (_, i) => doc(from + i)) as never[], { ordered: false });
        }
      }),
    );
    return count / ((Date.now() - started) / 1000);
  } finally {
    await client.db(database).dropDatabase().catch(() => undefined);
    await client.close();
  }
}

async function main() {
  const seconds = intFromEnv('BENCH_SECONDS', 120);
  const rate = intFromEnv('BENCH_RATE', 100);
  const memberCount = intFromEnv('BENCH_MEMBERS', 50);
  const threadCount = intFromEnv('BENCH_THREADS', 200);
  const mentionsPerSecond = intFromEnv('BENCH_MENTIONS_PER_SECOND', 2);
  const assignmentsPerSecond = intFromEnv('BENCH_ASSIGNMENTS_PER_SECOND', 2);
  const subscribed = Math.min(memberCount, intFromEnv('BENCH_SUBSCRIBED', 2));
  const socketCount = Math.min(memberCount - subscribed, intFromEnv('BENCH_SOCKETS', 3));
  const vapid = webpush.generateVAPIDKeys();
  const pushService = await LoopbackPushService.start(vapid.publicKey);
  const platform = await startBenchPlatform(['nats', 'redis', 'mongodb'], ['notifications', 'gateway'], {
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_SUBJECT: 'mailto:bench@example.com',
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void platform.stop().finally(() => process.exit(130)));
  const nats = await connectNats(platform.env.NATS_URL, 'bench-notifications');
  const bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
  const sockets: WebSocket[] = [];
  let observer: EventConsumer | undefined;
  try {
    const gw = platform.gatewayUrl;
    console.log(`notifications benchmark: team of ${memberCount}, ${rate} incoming messages/s on ${threadCount} unowned team threads for ${seconds} s, ${mentionsPerSecond} mentions/s, ${assignmentsPerSecond} assignments/s; ${subscribed} members with a push subscription, ${socketCount} with a socket`);
    const stamp = Date.now();
    const workspace = await call('POST', `${gw}/v1/workspaces`, undefined, { name: 'Bench', owner: { firstName: 'Bea', email: `bea.${stamp}@example.com`, password: 'bench-password-1' } });
    const owner = { id: workspace.body.user.id as string, token: workspace.body.token as string };
    const members: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < memberCount; i++) {
      const address = `m${i}.${stamp}@example.com`;
      const res = await call('POST', `${gw}/v1/users`, owner.token, { firstName: `Member${i}`, email: address, password: 'bench-password-1', role: 'agent', restriction: 'none' });
      if (res.status !== 201) throw new Error(`user: ${res.status} ${JSON.stringify(res.body)}`);
      members.push({ id: res.body.id, token: (await call('POST', `${gw}/v1/auth/login`, undefined, { email: address, password: 'bench-password-1' })).body.token });
    }
    const team = await call('POST', `${gw}/v1/teams`, owner.token, { name: 'Support', memberIds: members.map((member) => member.id) });
    const work: Workload = { workspaceId: workspace.body.workspace.id, teamId: team.body.id, ownerId: owner.id, memberIds: members.map((member) => member.id) };
    await consumersCaughtUp(bus, { durables: ['notifications-directory'], timeoutMs: 60_000, everyMs: 250 });
    for (const member of members.slice(0, subscribed)) {
      const res = await call('POST', `${gw}/v1/push-subscriptions`, member.token, pushService.subscribe(`m-${member.id}`));
      if (res.status !== 201) throw new Error(`subscription: ${res.status} ${JSON.stringify(res.body)}`);
    }
    for (const member of members.slice(subscribed, subscribed + socketCount)) {
      const socket = new WebSocket(`${gw.replace(/^http/, 'ws')}/v1/realtime`, { headers: { Authorization: `Bearer ${member.token}` } });
      await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
      socket.on('message', () => undefined);
      sockets.push(socket);
    }

    // Every notification change as the centre announces it, once it is written: when, and for which event.
    const written: Array<{ at: number; latency: number; created: boolean }> = [];
    observer = new EventConsumer(
      bus,
      {
        durable: uniqueName('bench-observer'),
        filter: `*.${NotificationsChanged.type}`,
        concurrency: 8,
        handle: async (event: EventEnvelope) => {
          if (!NotificationsChanged.is(event)) return;
          const now = Date.now();
          for (const frame of event.data.frames) {
            if (frame.type === 'notification.read') continue;
            written.push({ at: now, latency: now - Date.parse(frame.notification.updatedAt), created: frame.type === 'notification.created' });
          }
        },
      },
      createLogger('bench', 'silent'),
    );
    await observer.start();

    // ---- the load ---------------------------------------------------------------------------------
    const threads = Array.from({ length: threadCount }, (_, i) => `bench-${stamp}-t${i}`);
    const expected: Expected = { teamMessages: new Map(), mentions: new Map(), assignments: new Map() };
    const total = seconds * rate;
    const cpu = cpuMeter({ notifications: platform.processes.notifications?.pid, gateway: platform.processes.gateway?.pid, ferretdb: platform.engines.mongodb.child?.pid, nats: platform.engines.nats.child?.pid, redis: platform.engines.redis.child?.pid });
    const started = Date.now();
    let behind = 0;
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      else behind = Math.max(behind, -wait);
      const contactId = threads[i % threadCount];
      const n = (expected.teamMessages.get(contactId) ?? 0) + 1;
      expected.teamMessages.set(contactId, n);
      await bus.publish(incomingMessage(work, contactId, n));
      if (i % Math.max(1, Math.round(rate / mentionsPerSecond)) === 0) {
        const member = members[(i * 7) % memberCount];
        const on = threads[(i * 13) % threadCount];
        const mine = expected.mentions.get(member.id) ?? new Map<string, number>();
        mine.set(on, (mine.get(on) ?? 0) + 1);
        expected.mentions.set(member.id, mine);
        await bus.publish(mention(work, on, expected.teamMessages.get(on) ?? 0, member.id));
      }
      if (i % Math.max(1, Math.round(rate / assignmentsPerSecond)) === 0) {
        const member = members[(i * 11) % memberCount];
        const own = `bench-${stamp}-a${i}`;
        expected.assignments.set(member.id, (expected.assignments.get(member.id) ?? new Set<string>()).add(own));
        await bus.publish(assignment(work, own, member.id));
      }
    }
    const loadSeconds = (Date.now() - started) / 1000;
    console.log(`published ${total} messages in ${loadSeconds.toFixed(1)} s (the publisher fell behind its schedule by at most ${ms(behind)})`);
    await consumersCaughtUp(bus, { durables: ['notifications-conversations', 'gateway-notifications', 'notifications-push', observer.name], timeoutMs: 10 * 60_000, everyMs: 250 });
    const drained = (Date.now() - started) / 1000;
    const cpuReport = cpu.report();

    // ---- figures ----------------------------------------------------------------------------------
    const during = written.filter((entry) => entry.at <= started + loadSeconds * 1000);
    const latency = figures(written.map((entry) => entry.latency));
    const pushes = pushService.received.map((push) => push.at - Date.parse((push.json as { updatedAt: string }).updatedAt));
    const push = figures(pushes);
    const raw = await rawInsertRate(platform.env.MONGODB_URL, `${platform.env.MONGODB_DATABASE_PREFIX}_raw`, 20_000);
    const { lost, doubled, examples } = await verify(gw, members, expected);

    console.log(`notification changes written: ${written.length} (${written.filter((entry) => entry.created).length} new, the rest coalesced growth), ${(during.length / loadSeconds).toFixed(0)}/s during the load; all done ${drained.toFixed(1)} s after the start`);
    console.log(`event → notification written: p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)}`);
    console.log(`event → push received at the loopback push service (${pushes.length} pushes, ${pushService.refused.length} refused): p50 ${ms(push.p50)}, p95 ${ms(push.p95)}, p99 ${ms(push.p99)}`);
    console.log(`raw MongoDB-engine insert rate, same run (insertMany of 100, 4 at a time): ${raw.toFixed(0)} documents/s`);
    console.log(`centres read back: ${lost} lost, ${doubled} doubled${examples.length ? ` (${examples.join('; ')})` : ''}`);
    console.log(`cpu during the run: ${cpuReport}`);
    console.log(`load average after: ${loadavg().map((value) => value.toFixed(1)).join(' ')}`);
    const memory = Object.entries(platform.processes).map(([name, child]) => `${name} ${rssMiB(child!.pid)} MiB`);
    console.log(`memory (RSS): ${memory.join(', ')}`);
    console.log(`target every event notified within 2 s at p99, nothing lost or doubled: ${latency.p99 <= 2000 && lost === 0 && doubled === 0 ? 'met' : 'NOT met'}`);
  } finally {
    for (const socket of sockets) socket.close();
    await observer?.stop().catch(() => undefined);
    await nats.close().catch(() => undefined);
    await pushService.close();
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
