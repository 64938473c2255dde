/**
 * Benchmark (issues #4 and #19): signed inbound messages at a steady rate through the gateway's
 * ingress, with every service in its own process on real engines.
 *   npm run bench:ingest                               # 300 messages/s for 180 s over 2 000 known contacts
 *   BENCH_RATE=100 BENCH_SECONDS=30 npm run bench:ingest
 *   BENCH_NEW_CONTACTS=1 npm run bench:ingest          # every message from a contact never seen before
 *   BENCH_BURST=5000 npm run bench:ingest              # 5 000 first messages within BENCH_BURST_SECONDS (10)
 *   (both new-contact runs first warm up with BENCH_WARM_UP_NEW (3000) other new contacts, unmeasured; 0: a cold start)
 * By default every contact writes once before the measurement (as in a running workspace, where most
 * messages come from people already known). With BENCH_NEW_CONTACTS=1 each message comes from a new
 * identity, so every one creates its contact and thread (a campaign bringing new people); BENCH_BURST
 * posts that many first messages at once and reports how long they take to drain.
 *   BENCH_CPU_PROFILE=/tmp/prof npm run bench:ingest   # a CPU profile of each service (benchmarks/support/platform-processes.ts)
 *   BENCH_SERVICE_INGEST_CONCURRENCY=32 npm run bench:ingest  # any BENCH_SERVICE_<NAME> sets <NAME> for the services
 *   npm run bench:ingest -- --format=whatsapp          # WhatsApp Cloud API webhooks instead of signed events
 * With --format=whatsapp the messages come as the Cloud API sends them: signed webhooks
 * (`X-Hub-Signature-256`) on /v1/channels/{id}/webhook, the messages due at the same moment batched as
 * entries of one body (at most BENCH_WA_BATCH), each answered 200 once stored; the same targets apply.
 * Reports accepted/s, end-to-end latency (POST sent → message on the timeline, observed as the
 * `conversations.message.created` event that the timeline write announces), lost / duplicated
 * messages, and the MongoDB commands each message cost (counted by the services, MONGODB_COMMAND_STATS).
 * Targets: known contacts ≥ 300/s, p99 < 1 s; new contacts ≥ 300/s, p99 < 2 s; a burst of 5 000 drains
 * within 30 s; zero lost, zero duplicated.
 */
import { intFromEnv } from '../support/bench';
import { measureCeilings } from '../support/engine-ceilings';
import { startBenchPlatform } from '../support/platform-processes';
import { commandsPerMessage, readCommandCounts, waitForConsumers } from './command-stats';
import { formatFromArgs } from './formats';
import { IngestLoad, LoadPlan } from './load';
import { printReport } from './report';

function planFromEnv(): LoadPlan {
  const burst = intFromEnv('BENCH_BURST', 0);
  if (burst > 0) return { kind: 'burst', total: burst, seconds: intFromEnv('BENCH_BURST_SECONDS', 10), contacts: burst, newContacts: true };
  const rate = intFromEnv('BENCH_RATE', 300);
  const seconds = intFromEnv('BENCH_SECONDS', 180);
  const newContacts = process.env.BENCH_NEW_CONTACTS === '1';
  return { kind: 'steady', total: rate * seconds, seconds, contacts: newContacts ? rate * seconds : intFromEnv('BENCH_CONTACTS', 2000), newContacts };
}

async function main() {
  const plan = planFromEnv();
  const drainSeconds = intFromEnv('BENCH_DRAIN_SECONDS', 60);
  const warmUpNew = intFromEnv('BENCH_WARM_UP_NEW', 3000);
  // BENCH_NODE_OPTIONS, BENCH_CPU_PROFILE and BENCH_SERVICE_<NAME> reach the services (benchmarks/support/platform-processes.ts).
  const serviceEnv: Record<string, string> = { MONGODB_COMMAND_STATS: process.env.BENCH_COMMAND_STATS === '0' ? 'false' : 'true' };
  const platform = await startBenchPlatform(['nats', 'redis', 'mongodb'], ['contacts', 'conversations', 'gateway'], serviceEnv);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void platform.stop().finally(() => process.exit(130)));
  // The engines' own rates first, on the idle platform, so our figures can be read against them.
  const ceilings = await measureCeilings(platform.env, 32);
  const load = await IngestLoad.start(platform, plan, formatFromArgs(process.argv));
  try {
    if (!plan.newContacts) await load.warmUp();
    else if (warmUpNew > 0) await load.warmUpNew(warmUpNew, Math.min(300, Math.ceil(plan.total / plan.seconds)));
    const what = plan.kind === 'burst' ? `a burst of ${plan.total} first messages within ${plan.seconds} s` : `${plan.total / plan.seconds} messages/s for ${plan.seconds} s (${plan.total} messages)`;
    console.log(`ingest benchmark (${load.formatName}): ${what} over ${plan.contacts} ${plan.newContacts ? 'new' : 'known'} contacts`);
    const commandsBefore = await readCommandCounts(platform.metricsUrls);
    const sent = await load.send();
    await load.drain(drainSeconds, sent.accepted);
    printReport(plan, load, sent, drainSeconds, ceilings, platform);
    const behind = await waitForConsumers(platform.metricsUrls, drainSeconds);
    if (behind.length) console.log(`consumers still behind after ${drainSeconds} s (their work is not all counted): ${behind.join(', ')}`);
    const commandsAfter = await readCommandCounts(platform.metricsUrls);
    for (const line of commandsPerMessage(commandsBefore, commandsAfter, load.onTimelines())) console.log(line);
  } finally {
    await load.close();
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
