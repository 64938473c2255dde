/**
 * Benchmark (issue #5): inbox lists, sidebar and realtime pushes at scale.
 *   npm run bench:inbox                       # 100 000 threads, 50 users, 10 teams
 *   BENCH_THREADS=20000 BENCH_READS=500 npm run bench:inbox
 * Bulk seeding publishes `conversations.thread.updated` events for threads that exist only as events
 * (ingress at ~200 threads/s would take minutes per 10k): the inbox builds their rows, series and open
 * counts as it does for real threads, and the benchmark waits until every consumer is idle and the
 * owner's sidebar counts them. The steady stream of incoming messages then goes through signed
 * ingress, end to end. Services are reached only through HTTP, the WebSocket and the event stream.
 * Targets: list p95 < 50 ms, sidebar p95 < 100 ms, incoming message → WebSocket push p95 < 300 ms.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { ThreadSnapshot, ThreadUpdated } from '@omnibox/contracts';
import { EventBus } from '@omnibox/messaging';
import { connectNats } from '@omnibox/platform';
import { consumersCaughtUp } from '@omnibox/testing';
import WebSocket from 'ws';
import { call, formatReport, intFromEnv, LatencyReport, measure, percentile, rssMiB } from '../support/bench';
import { measureCeilings, ratio } from '../support/engine-ceilings';
import { startBenchPlatform } from '../support/platform-processes';

const DAY = 24 * 3600 * 1000;

function pick<T>(items: T[], i: number): T {
  return items[i % items.length];
}

interface Seeding {
  workspaceId: string;
  ownerId: string;
  channelId: string;
  teams: Array<{ id: string; memberIds: string[] }>;
  agentIds: string[];
  threads: number;
  now: number;
}

/**
 * The i-th seeded thread as the conversations service would announce it: 40 % open, 50 % closed, 10 %
 * snoozed; 60 % in a team (assigned to a member), 10 % assigned to an agent directly, the rest
 * unassigned; every other one answered by the owner (who then owns it if nobody did, CNV-2).
 */
function seededThread(seed: Seeding, i: number): ThreadSnapshot {
  const id = `seed${String(i).padStart(8, '0')}`;
  const at = new Date(seed.now - Math.floor((((i * 7919) % seed.threads) / seed.threads) * 90 * DAY) - 60_000).toISOString();
  const team = i % 10 < 6 ? pick(seed.teams, i) : null;
  let assigneeId = i % 10 < 7 ? (team && team.memberIds.length ? pick(team.memberIds, i >> 3) : pick(seed.agentIds, i >> 2)) : null;
  const replied = i % 2 === 0;
  if (replied && !assigneeId) assigneeId = seed.ownerId;
  const kind = i % 10;
  const status = kind >= 4 && kind < 9 ? 'closed' : kind === 9 ? 'snoozed' : 'open';
  return {
    contactId: id,
    contact: { id, firstName: `Seed${i}`, lastName: null, blocked: false },
    status,
    previousStatus: status === 'snoozed' ? 'open' : null,
    snoozedUntil: status === 'snoozed' ? new Date(seed.now + DAY).toISOString() : null,
    snoozedAt: status === 'snoozed' ? at : null,
    assigneeId,
    teamId: team?.id ?? null,
    collaboratorIds: [],
    mentionedUntil: {},
    lastMessage: replied ? { id: `o-${id}`, direction: 'outgoing', at, preview: 'hi' } : { id: `m-${id}`, direction: 'incoming', at, preview: 'hello' },
    lastMessageAt: at,
    unreplied: !replied,
    lastIncomingAt: at,
    statusSince: at,
    lastIncomingChannelId: seed.channelId,
    incomingCount: 1,
    reads: replied ? { [seed.ownerId]: 1 } : {},
    episode: status === 'closed' ? 1 : 0,
    deleted: false,
    updatedAt: at,
  };
}

/** Publishes with a window of acknowledgements in flight (JetStream stores each before it answers). */
async function publishAll(bus: EventBus, seed: Seeding, window = 512): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: window }, async () => {
      while (next < seed.threads) {
        const thread = seededThread(seed, next++);
        await bus.publish(ThreadUpdated.create({ workspaceId: seed.workspaceId, aggregateId: thread.contactId, data: { thread, changed: Object.keys(thread) } }));
      }
    }),
  );
}

async function main() {
  const threads = intFromEnv('BENCH_THREADS', 100_000);
  const userCount = intFromEnv('BENCH_USERS', 50);
  const teamCount = intFromEnv('BENCH_TEAMS', 10);
  const reads = intFromEnv('BENCH_READS', 500);
  const concurrency = intFromEnv('BENCH_CONCURRENCY', 8);
  const streamRate = intFromEnv('BENCH_STREAM_PER_SECOND', 5);
  const pushes = intFromEnv('BENCH_PUSHES', 300);
  const platform = await startBenchPlatform(['nats', 'redis', 'mongodb'], ['contacts', 'conversations', 'gateway']);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void platform.stop().finally(() => process.exit(130)));
  // The engines' own rates first, on the idle platform: a list read leans on Redis round trips.
  const ceilings = await measureCeilings(platform.env, concurrency);
  const nats = await connectNats(platform.env.NATS_URL, 'bench-inbox');
  const bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
  let streaming = false;
  try {
    const gw = platform.gatewayUrl;
    console.log(`inbox benchmark: ${threads} threads, ${userCount} users, ${teamCount} teams, ${reads} reads per endpoint at concurrency ${concurrency}, stream ${streamRate} msg/s`);
    const stamp = Date.now();
    const workspace = await call('POST', `${gw}/v1/workspaces`, undefined, { name: 'Bench', owner: { firstName: 'Bea', email: `bea.${stamp}@example.com`, password: 'bench-password-1' } });
    const workspaceId = workspace.body.workspace.id as string;
    const owner = { id: workspace.body.user.id as string, token: workspace.body.token as string, role: 'owner', restriction: 'none' };
    // 50 users: the owner, 4 managers, agents with restriction none / team / self in turn.
    const users = [owner];
    for (let i = 1; i < userCount; i++) {
      const role = i < 5 ? 'manager' : 'agent';
      const restriction = role === 'agent' ? pick(['none', 'team', 'self'], i) : 'none';
      const res = await call('POST', `${gw}/v1/users`, owner.token, { firstName: `User${i}`, email: `u${i}.${stamp}@example.com`, password: 'bench-password-1', role, ...(role === 'agent' ? { restriction } : {}) });
      if (res.status !== 201) throw new Error(`user: ${res.status} ${JSON.stringify(res.body)}`);
      const login = await call('POST', `${gw}/v1/auth/login`, undefined, { email: `u${i}.${stamp}@example.com`, password: 'bench-password-1' });
      users.push({ id: res.body.id, token: login.body.token, role, restriction });
    }
    const agents = users.filter((user) => user.role === 'agent');
    const teams: Array<{ id: string; memberIds: string[] }> = [];
    for (let t = 0; t < teamCount; t++) {
      const memberIds = agents.filter((_, i) => i % teamCount === t).map((user) => user.id);
      const res = await call('POST', `${gw}/v1/teams`, owner.token, { name: `Team ${t}`, memberIds });
      teams.push({ id: res.body.id, memberIds });
    }
    const channel = (await call('POST', `${gw}/v1/channels`, owner.token, { type: 'api', name: 'Bench API' })).body as { id: string; secret: string };

    // ---- bulk seed ------------------------------------------------------------------------------
    const seedStart = Date.now();
    const seed: Seeding = { workspaceId, ownerId: owner.id, channelId: channel.id, teams, agentIds: agents.map((agent) => agent.id), threads, now: Date.now() };
    await publishAll(bus, seed);
    console.log(`published ${threads} thread events in ${Math.round((Date.now() - seedStart) / 1000)} s`);
    await consumersCaughtUp(bus, { timeoutMs: 30 * 60_000, everyMs: 500 });
    const open = Array.from({ length: threads }, (_, i) => seededThread(seed, i)).filter((thread) => thread.status === 'open').length;
    const counted = (await call('GET', `${gw}/v1/inbox`, owner.token)).body.standard.find((entry: { view: string }) => entry.view === 'all').openCount;
    if (counted !== open) throw new Error(`the owner's All view counts ${counted} open threads, ${open} were seeded`);
    console.log(`seeded ${threads} threads through events (rows, series and open counts built by the inbox) in ${Math.round((Date.now() - seedStart) / 1000)} s`);

    // ---- steady stream through signed ingress --------------------------------------------------
    let sent = 0;
    const stream = async () => {
      streaming = true;
      while (streaming) {
        const started = Date.now();
        const externalId = `stream-${sent % 2000}`;
        await ingress(gw, channel, externalId, `stream message ${sent++}`);
        const wait = 1000 / streamRate - (Date.now() - started);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    };
    const streamDone = stream();
    await new Promise((resolve) => setTimeout(resolve, 2000));

    // ---- lists and sidebar ---------------------------------------------------------------------
    const byKind = {
      owner,
      manager: users.find((user) => user.role === 'manager')!,
      agentNone: users.find((user) => user.role === 'agent' && user.restriction === 'none')!,
      agentTeam: users.find((user) => user.role === 'agent' && user.restriction === 'team')!,
      agentSelf: users.find((user) => user.role === 'agent' && user.restriction === 'self')!,
    };
    const memberTeam = teams.find((team) => team.memberIds.includes(byKind.agentNone.id)) ?? teams[0];
    const cases: Array<{ name: string; user: typeof owner; path: string }> = [
      { name: 'all (owner)', user: owner, path: '/v1/inbox/all/conversations' },
      { name: 'all status=open (owner)', user: owner, path: '/v1/inbox/all/conversations?status=open' },
      { name: 'all open longest (manager)', user: byKind.manager, path: '/v1/inbox/all/conversations?status=open&sort=longest' },
      { name: 'all unreplied oldest (agent none)', user: byKind.agentNone, path: '/v1/inbox/all/conversations?unreplied=true&sort=oldest' },
      { name: 'mine (agent none)', user: byKind.agentNone, path: '/v1/inbox/mine/conversations' },
      { name: 'mine (agent self)', user: byKind.agentSelf, path: '/v1/inbox/mine/conversations' },
      { name: 'unassigned (owner)', user: owner, path: '/v1/inbox/unassigned/conversations' },
      { name: 'team view (agent team)', user: byKind.agentTeam, path: `/v1/inbox/team:${teams.find((team) => team.memberIds.includes(byKind.agentTeam.id))?.id ?? teams[0].id}/conversations` },
      { name: 'team view (agent none)', user: byKind.agentNone, path: `/v1/inbox/team:${memberTeam.id}/conversations` },
      { name: 'team unassigned (owner)', user: owner, path: `/v1/inbox/team:${teams[0].id}:unassigned/conversations` },
    ];
    const results: Array<{ name: string; report: LatencyReport; kind: 'list' | 'sidebar'; load: number }> = [];
    const reported = new Set<number>();
    // Warm-up: connection pools, JIT, caches.
    for (const item of cases) for (let i = 0; i < 20; i++) await call('GET', `${gw}${item.path}`, item.user.token);
    console.log(`load average before measuring: ${loadavg().map((value) => value.toFixed(1)).join(' ')} on this machine (shared: other processes count too)`);
    // Two loads: one agent clicking at a time (the latency a user sees), and `concurrency` at once.
    const loads = [...new Set([1, concurrency])];
    for (const load of loads) {
      const count = load === 1 ? Math.max(50, Math.round(reads / 4)) : reads;
      for (const item of cases) {
        const first = await call('GET', `${gw}${item.path}`, item.user.token);
        if (first.status !== 200) throw new Error(`${item.name}: ${first.status} ${JSON.stringify(first.body)}`);
        const report = await measure(count, load, async (i) => {
          // Every fifth read is a second page.
          const cursor = i % 5 === 4 && first.body.nextCursor ? `${item.path.includes('?') ? '&' : '?'}cursor=${first.body.nextCursor}` : '';
          const res = await call('GET', `${gw}${item.path}${cursor}`, item.user.token);
          if (res.status !== 200 && !reported.has(res.status)) {
            reported.add(res.status);
            console.log(`  ${item.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          }
          return res.status === 200;
        });
        console.log(formatReport(`GET ${item.name} [${first.body.items.length} rows] c=${load}`, report));
        console.log(`    p50 ${(report.p50 / ceilings['redis round trip'].p50).toFixed(0)}× a Redis round trip's ${ceilings['redis round trip'].p50.toFixed(2)} ms; ${ratio(report.throughput, ceilings['redis round trip'])}`);
        results.push({ name: item.name, report, kind: 'list', load });
      }
      for (const [name, user] of Object.entries(byKind)) {
        const report = await measure(count, load, async () => (await call('GET', `${gw}/v1/inbox`, user.token)).status === 200);
        console.log(formatReport(`GET /v1/inbox (${name}) c=${load}`, report));
        results.push({ name: `sidebar ${name}`, report, kind: 'sidebar', load });
      }
      console.log(`load average: ${loadavg().map((value) => value.toFixed(1)).join(' ')}`);
    }

    // ---- incoming message → WebSocket push -----------------------------------------------------
    const socket = new WebSocket(`${gw.replace(/^http/, 'ws')}/v1/realtime`, { headers: { Authorization: `Bearer ${owner.token}` } });
    const waiting = new Map<string, (at: number) => void>();
    // Where the time goes: ingress → the thread written (event time), → published by a gateway, → on the socket.
    const stages: Record<'stored' | 'published' | 'delivered', number[]> = { stored: [], published: [], delivered: [] };
    socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString());
      if (frame.type === 'message.created' && typeof frame.data?.text === 'string' && waiting.has(frame.data.text)) {
        const now = Date.now();
        const [received, occurred, published] = [Date.parse(frame.data.createdAt), Date.parse(frame.occurredAt), Date.parse(frame.publishedAt)];
        if ([received, occurred, published].every(Number.isFinite)) {
          stages.stored.push(occurred - received);
          stages.published.push(published - occurred);
          stages.delivered.push(now - published);
        }
        waiting.get(frame.data.text)?.(now);
      }
    });
    await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
    const delays: number[] = [];
    let lost = 0;
    for (let i = 0; i < pushes; i++) {
      const text = `push ${i} ${randomUUID()}`;
      const arrived = new Promise<number>((resolve) => waiting.set(text, resolve));
      const started = Date.now();
      await ingress(gw, channel, `push-${i % 500}`, text);
      const at = await Promise.race([arrived, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 5000))]);
      waiting.delete(text);
      if (at < 0) lost++;
      else delays.push(at - started);
      await new Promise((resolve) => setTimeout(resolve, 1000 / Math.max(1, streamRate)));
    }
    socket.close();
    streaming = false;
    await streamDone;
    delays.sort((a, b) => a - b);
    const push = { p50: percentile(delays, 50), p95: percentile(delays, 95), p99: percentile(delays, 99) };
    console.log(`incoming message → WebSocket push (${delays.length} pushes, ${lost} not within 5 s, stream of ${streamRate} msg/s alongside): p50 ${push.p50.toFixed(1)} ms, p95 ${push.p95.toFixed(1)} ms, p99 ${push.p99.toFixed(1)} ms`);
    const stage = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `p50 ${percentile(sorted, 50).toFixed(0)} / p95 ${percentile(sorted, 95).toFixed(0)} ms`;
    };
    console.log(`  of which: ingress → thread written (conversations ingest) ${stage(stages.stored)}; → frame published by the gateway consumer ${stage(stages.published)}; → on the socket ${stage(stages.delivered)}`);
    console.log(`stream: ${sent} incoming messages through signed ingress during the run`);

    console.log(`load average after: ${loadavg().map((value) => value.toFixed(1)).join(' ')}`);
    const memory = Object.entries(platform.processes).map(([name, child]) => `${name} ${rssMiB(child!.pid)} MiB`);
    console.log(`memory (RSS): ${memory.join(', ')}, ferretdb ${rssMiB(platform.engines.mongodb.child!.pid)} MiB (PostgreSQL not counted)`);
    for (const load of [...new Set(results.map((r) => r.load))]) {
      const worstList = Math.max(...results.filter((r) => r.kind === 'list' && r.load === load).map((r) => r.report.p95));
      const worstSidebar = Math.max(...results.filter((r) => r.kind === 'sidebar' && r.load === load).map((r) => r.report.p95));
      console.log(`target list p95 < 50 ms at c=${load}: ${worstList < 50 ? 'met' : 'NOT met'} (worst view ${worstList.toFixed(1)} ms)`);
      console.log(`target sidebar p95 < 100 ms at c=${load}: ${worstSidebar < 100 ? 'met' : 'NOT met'} (worst ${worstSidebar.toFixed(1)} ms)`);
    }
    console.log(`target push p95 < 300 ms: ${push.p95 < 300 && lost === 0 ? 'met' : 'NOT met'} (${push.p95.toFixed(1)} ms, ${lost} lost)`);
  } finally {
    streaming = false;
    await nats.close().catch(() => undefined);
    await platform.stop();
  }
}

async function ingress(gatewayUrl: string, channel: { id: string; secret: string }, externalId: string, text: string) {
  const raw = JSON.stringify({ type: 'message', id: randomUUID(), timestamp: new Date().toISOString(), contact: { externalId, firstName: 'Streamer' }, message: { type: 'text', text } });
  const signature = `sha256=${createHmac('sha256', channel.secret).update(raw).digest('hex')}`;
  const res = await fetch(`${gatewayUrl}/v1/channels/${channel.id}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-channel-signature': signature }, body: raw });
  await res.text();
  if (res.status !== 202) throw new Error(`ingress answered ${res.status}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
