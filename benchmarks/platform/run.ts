/**
 * Benchmark (issue #19): the whole platform under load. Every service in its own process and every
 * engine (FerretDB, NATS JetStream, Redis, Elasticsearch, the S3 store), signed inbound messages
 * through the gateway's ingress, and agents replying, assigning, listing their inbox, searching, each
 * with a realtime socket and a Web Push subscription.
 *   npm run bench:platform                                 # 200 messages/s for 180 s, 8 agents
 *   BENCH_SECONDS=15 BENCH_RATE=20 BENCH_CONTACTS=200 npm run bench:platform
 * Settings (environment): BENCH_RATE, BENCH_SECONDS, BENCH_NEW_SHARE (0.2: share from contacts never
 * seen before), BENCH_WARMUP_SECONDS (60: the load rises from nothing to the rate over this time before
 * anything is measured, see presignWarmUp), BENCH_CONTACTS (2000 known contacts, each owned by an agent), BENCH_AGENTS (8),
 * BENCH_REPLIES_PER_SECOND (4), BENCH_ASSIGNMENTS_PER_SECOND (1), BENCH_SEARCH_EVERY (20: one message
 * in 20 followed to searchable), BENCH_SEARCH_INTERVAL_MS (250), BENCH_LIST_PAUSE_MS (0: listers in a
 * tight loop), BENCH_DRAIN_SECONDS (60), BENCH_CEILING_CONCURRENCY (32), BENCH_COMMAND_STATS (1: count each
 * service's MongoDB commands per inbound message, from the measured start to the end of the drain),
 * BENCH_NODE_OPTIONS, BENCH_CPU_PROFILE and BENCH_SERVICE_<NAME> (services only, see benchmarks/support/platform-processes.ts).
 * Per message: ingress POST → accepted, on the timeline (its `conversations.message.created` on the
 * event stream), in the inbox list (the agents' pages), pushed on every agent's socket, searchable
 * (sampled, through the search API), notified (a Web Push to the owner of a known contact's thread:
 * NTF-1 `new_message`). Engine ceilings are measured first on the idle platform; the table at the end
 * puts each figure beside the ceiling it leans on and the issue's targets, PASS or MISS, and is written
 * as JSON to benchmarks/results/. A missed target is a result: only a failing harness exits non-zero.
 */
import { EventBus } from '@omnibox/messaging';
import { connectNats } from '@omnibox/platform';
import { LoopbackPushService } from '@omnibox/testing';
import webpush from 'web-push';
import { FakeProvider } from '../../tests/support/fake-provider';
import { intFromEnv, numberFromEnv } from '../support/bench';
import { commandsPerMessage, readCommandCounts } from '../ingest/command-stats';
import { deliveriesPerMessage, readDeliveries } from '../support/consumer-deliveries';
import { measureCeilings } from '../support/engine-ceilings';
import { everyEngine, everyService, startBenchPlatform } from '../support/platform-processes';
import { processMeter } from '../support/process-meter';
import { DurationSeries, DurationTotals, EventLoopSampler, LoopDelay, meanMsBetween, readDurations } from '../support/service-timings';
import { startActions } from './agent-actions';
import { buildReport } from './figures';
import { InboxWatch, startListers } from './inbox-lists';
import { presign, presignWarmUp, sendAll, sendMeasured } from './ingress';
import { Ledger, seqInText, Stage } from './ledger';
import { AgentSocket, observeTimeline, PushObserver } from './observers';
import { PIPELINE_CHECK_TEXT, pipelineCheck } from './pipeline-check';
import { printReport, writeReport } from './report';
import { SearchProbe } from './search-probe';
import { assignKnownThreads, createWorkspace, subscribeToPushes, WARM_UP_TEXT, warmUpKnownContacts } from './workspace';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An agent's inbox list as each hop times it: the gateway's HTTP request, its gRPC call, the conversations handler. */
const LIST_PATH: DurationSeries[] = [
  { service: 'gateway', metric: 'http_request_duration_seconds', labels: 'method="GET",route="/v1/inbox/:view/conversations",status="200"' },
  { service: 'gateway', metric: 'grpc_client_handling_seconds', labels: 'service="Inbox",method="ListConversations",code="0"' },
  { service: 'conversations', metric: 'grpc_server_handling_seconds', labels: 'service="Inbox",method="ListConversations",code="OK"' },
];

function settingsFromEnv() {
  return {
    rate: intFromEnv('BENCH_RATE', 200),
    seconds: intFromEnv('BENCH_SECONDS', 180),
    warmUpSeconds: intFromEnv('BENCH_WARMUP_SECONDS', 60),
    newShare: Math.min(1, numberFromEnv('BENCH_NEW_SHARE', 0.2)),
    knownContacts: intFromEnv('BENCH_CONTACTS', 2000),
    agents: intFromEnv('BENCH_AGENTS', 8),
    repliesPerSecond: numberFromEnv('BENCH_REPLIES_PER_SECOND', 4),
    assignmentsPerSecond: numberFromEnv('BENCH_ASSIGNMENTS_PER_SECOND', 1),
    searchEvery: intFromEnv('BENCH_SEARCH_EVERY', 20),
    searchIntervalMs: intFromEnv('BENCH_SEARCH_INTERVAL_MS', 250),
    listPauseMs: numberFromEnv('BENCH_LIST_PAUSE_MS', 0),
    drainSeconds: intFromEnv('BENCH_DRAIN_SECONDS', 60),
    ceilingConcurrency: intFromEnv('BENCH_CEILING_CONCURRENCY', 32),
  };
}

async function main() {
  const settings = settingsFromEnv();
  const total = settings.rate * settings.seconds;
  const runTag = Date.now().toString(36);
  const vapid = webpush.generateVAPIDKeys();
  const pushService = await LoopbackPushService.start(vapid.publicKey);
  const provider = await new FakeProvider().start();
  const services = everyService();
  const engines = everyEngine();
  console.log(`platform benchmark: ${settings.rate} messages/s for ${settings.seconds} s (${Math.round(settings.newShare * 100)} % from new contacts, the rest from ${settings.knownContacts} known ones), ${settings.agents} agents; services ${services.join(', ')}; engines ${engines.join(', ')}`);
  const countCommands = process.env.BENCH_COMMAND_STATS === '1';
  const platform = await startBenchPlatform(engines, services, {
    ...(countCommands ? { MONGODB_COMMAND_STATS: 'true' } : {}),
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:bench@example.com',
    // The listers stand for a whole team clicking; the per-token limit (100/s) would answer them 429.
    RATE_LIMIT_CALLS_PER_TOKEN_PER_MINUTE: '10000000',
  });
  const stopAll = async () => {
    await platform.stop();
    await pushService.close();
    await provider.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  const nats = await connectNats(platform.env.NATS_URL, 'bench-platform');
  const sockets: AgentSocket[] = [];
  try {
    const gw = platform.gatewayUrl;
    // The engines' own rates first, on the idle platform, so every figure can be read against them.
    const ceilings = await measureCeilings(platform.env, settings.ceilingConcurrency);
    const bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
    const workspace = await createWorkspace(gw, settings.agents, `${provider.url}/outbound`);
    const ledger = new Ledger(total);
    const watch = new InboxWatch(ledger, settings.agents);
    const pushes = new PushObserver(pushService, ledger);
    const search = new SearchProbe(gw, workspace.agents, ledger, settings.searchEvery, settings.searchIntervalMs);
    const knownIds: Array<string | undefined> = new Array(settings.knownContacts);
    let checked = false;
    const timeline = observeTimeline(nats.connection, platform.env.EVENT_SUBJECT_PREFIX, (text, contactId, messageId, at) => {
      const warm = WARM_UP_TEXT.exec(text);
      if (warm) knownIds[Number(warm[1])] = contactId;
      if (text.startsWith(PIPELINE_CHECK_TEXT)) checked = true;
      const seq = seqInText(text);
      if (seq < 0 || seq >= total) return;
      const first = !ledger.timeline.has(seq);
      ledger.stored(seq, contactId, messageId, at);
      if (!first) return;
      watch.expect(seq, contactId);
      search.expect(seq, messageId);
      if (ledger.isKnown(seq)) pushes.expect(seq, contactId);
    });
    await nats.connection.flush();

    const warmSeconds = await warmUpKnownContacts(gw, workspace.channel, knownIds, runTag);
    await assignKnownThreads(gw, workspace, knownIds, bus);
    console.log(`set-up: ${settings.knownContacts} known contacts wrote once in ${warmSeconds.toFixed(1)} s, each thread assigned to an agent`);
    await subscribeToPushes(gw, workspace.agents, (name) => pushService.subscribe(name));
    const socketStages = workspace.agents.map((agent) => new Stage(`socket of agent ${agent.index}`, total));
    for (const agent of workspace.agents) sockets.push(await AgentSocket.open(gw, agent.token, socketStages[agent.index]));
    await pipelineCheck(gw, workspace, workspace.channel, sockets, pushService, () => checked);
    console.log('pipeline check: one message reached every stage; measuring');

    const warmUpAt = Date.now() + 1000;
    const startAt = warmUpAt + settings.warmUpSeconds * 1000;
    const plan = { rate: settings.rate, newShare: settings.newShare, knownContacts: settings.knownContacts, runTag };
    const warmUp = presignWarmUp(plan, workspace.channel, settings.warmUpSeconds, warmUpAt);
    const events = presign(plan, workspace.channel, ledger, startAt);
    const meter = processMeter({
      ...Object.fromEntries(Object.entries(platform.processes).map(([name, child]) => [name, child?.pid])),
      ...Object.fromEntries(Object.entries(platform.engines).map(([name, engine]) => [{ mongodb: 'ferretdb', s3: 'seaweedfs' }[name] ?? name, engine.child?.pid])),
    });
    // Agents work through the warm-up as through the run; only what starts at startAt is measured.
    const listers = startListers(gw, workspace.agents, watch, settings.listPauseMs);
    search.start();
    await sleep(warmUpAt - Date.now());
    const actions = startActions(gw, workspace.agents, watch, pushes, { replies: settings.repliesPerSecond, assignments: settings.assignmentsPerSecond });
    const warmUpSent = sendAll(gw, workspace.channel, warmUp.events, (i) => warmUp.dueAt[i]);
    if (settings.warmUpSeconds > 0) console.log(`warm-up: ${warmUp.events.length} messages, the load rising to ${settings.rate}/s over ${settings.warmUpSeconds} s`);
    // Counted from the end of the warm-up (read just before the measured start) to the end of the drain.
    await sleep(startAt - 500 - Date.now());
    const commandsBefore = countCommands ? await readCommandCounts(platform.metricsUrls) : null;
    const deliveriesBefore = await readDeliveries(bus);
    const listPathBefore = await readDurations(platform.metricsUrls, LIST_PATH);
    const loops = new EventLoopSampler(platform.metricsUrls);
    await sleep(startAt - Date.now());
    meter.start();
    loops.start();
    listers.measure(true);
    search.measure(true);
    actions.measure(true);
    const progress = setInterval(() => {
      const now = (Date.now() - startAt) / 1000;
      console.log(`  t=${now.toFixed(0)} s: accepted ${ledger.posted.firstAt.filter(Boolean).length}, on timelines ${ledger.timeline.firstAt.filter(Boolean).length}, waiting to be searchable ${search.pending}`);
    }, 30_000);
    const sent = await sendMeasured(gw, workspace.channel, events, ledger, startAt, settings.rate);
    const warmUpRefused = (await warmUpSent).refused;
    if (warmUpRefused > 0) console.log(`note: ${warmUpRefused} warm-up messages were refused`);
    const sendSeconds = (Date.now() - startAt) / 1000;
    const usage = meter.stop();
    listers.measure(false);
    search.measure(false);
    const actionFigures = actions.stop();
    clearInterval(progress);
    const listPathAfter = await readDurations(platform.metricsUrls, LIST_PATH);
    const loopDelays = await loops.stop();

    // Drain: the observers keep watching until every stage has every message, or the time is up.
    const complete = () =>
      [ledger.timeline, watch.stage, pushes.notified, search.stage, ...socketStages].every((stage) => {
        for (let seq = 0; seq < total; seq++) {
          const due = ledger.isAccepted(seq) && (stage !== pushes.notified || ledger.isKnown(seq)) && (stage !== search.stage || search.isSampled(seq));
          if (due && !stage.has(seq)) return false;
        }
        return true;
      });
    const drainUntil = Date.now() + settings.drainSeconds * 1000;
    while (Date.now() < drainUntil && !complete()) await sleep(500);
    const commandsAfter = countCommands ? await readCommandCounts(platform.metricsUrls) : null;
    const deliveriesAfter = await readDeliveries(bus);
    const lists = await listers.stop();
    const searches = await search.stop();
    pushes.stop();
    timeline.stop();
    const inbox = await watch.settle(gw, workspace.owner.token);

    const report = buildReport({ settings, startAt, sendSeconds, sent, ledger, ceilings, inbox, sockets, socketStages, pushes, search, searches, lists, actions: actionFigures, usage, provider });
    report.notes.push(listPathNote(listPathBefore, listPathAfter), loopDelayNote(loopDelays));
    printReport(report);
    const onTimelines = ledger.timeline.firstAt.filter(Boolean).length;
    console.log(deliveriesPerMessage(deliveriesBefore, deliveriesAfter, onTimelines));
    if (commandsBefore && commandsAfter) for (const line of commandsPerMessage(commandsBefore, commandsAfter, onTimelines)) console.log(line);
    console.log(`written to ${writeReport(report)}`);
  } finally {
    for (const socket of sockets) socket.close();
    await nats.close().catch(() => undefined);
    await stopAll();
  }
}

/** Where an inbox list's time went while the load ran, hop by hop (means of what each hop timed). */
function listPathNote(before: DurationTotals[], after: DurationTotals[]): string {
  const [http, call, handler] = LIST_PATH.map((_, index) => meanMsBetween(before[index], after[index]).toFixed(0));
  return `inbox list path, means while sending: ${http} ms in the gateway's HTTP handling, of which ${call} ms in its gRPC call, of which ${handler} ms in the conversations handler; the rest of the call waited for event-loop turns and the transport`;
}

/** Each service's event-loop delay while the load ran, the most delayed first. */
function loopDelayNote(delays: LoopDelay[]): string {
  const figures = [...delays].sort((a, b) => b.mean - a.mean).map((delay) => `${delay.service} ${delay.mean.toFixed(0)} / ${delay.p99.toFixed(0)} ms`);
  return `event-loop delay while sending (a ready callback's wait; median of 5 s means / highest 5 s p99): ${figures.join(', ')}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
