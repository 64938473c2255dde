import { percentile, rssMiB } from '../support/bench';
import { Ceiling, ratio } from '../support/engine-ceilings';
import type { BenchPlatform } from '../support/platform-processes';
import type { IngestLoad, LoadPlan, Sent } from './load';

const WINDOW_SECONDS = 30;

/** End-to-end latencies (ms) of the messages sent between `from` and `to` seconds into the run, sorted. */
function latenciesSentBetween(load: IngestLoad, started: number, from: number, to: number): number[] {
  return load.seenAt
    .map((at, seq) => ({ at, seq }))
    .filter(({ at, seq }) => at && load.sentAt[seq] - started >= from * 1000 && load.sentAt[seq] - started < to * 1000)
    .map(({ at, seq }) => at - load.sentAt[seq])
    .sort((a, b) => a - b);
}

/** Prints what the run measured, against the targets of its kind (issue #4 for known contacts, #19 for new ones). */
export function printReport(plan: LoadPlan, load: IngestLoad, sent: Sent, drainSeconds: number, ceilings: Record<string, Ceiling>, platform: BenchPlatform): void {
  const { started, accepted, refused, acceptLatency, sendSeconds } = sent;
  const latencies = load.seenAt
    .map((at, seq) => (at ? at - load.sentAt[seq] : NaN))
    .filter((value) => !Number.isNaN(value))
    .sort((a, b) => a - b);
  const lastSeen = Math.max(...load.seenAt);
  const missing = accepted - latencies.length;
  const duplicated = [...load.messageIds.values()].filter((ids) => ids.size > 1).length;
  const processedSeconds = (lastSeen - started) / 1000;
  const processedRate = latencies.length / processedSeconds;
  console.log(`accepted ${accepted}/${plan.total} (${refused} refused) in ${sendSeconds.toFixed(1)} s: ${(accepted / sendSeconds).toFixed(0)} accepted/s`);
  console.log(`${sent.acceptedStatus} latency: p50 ${percentile(acceptLatency, 50)} ms  p95 ${percentile(acceptLatency, 95)} ms  p99 ${percentile(acceptLatency, 99)} ms`);
  console.log(`on timelines: ${latencies.length} in ${processedSeconds.toFixed(1)} s (${processedRate.toFixed(0)}/s)`);
  // A known contact's message costs about one timeline insert, one thread update and two acknowledged
  // publishes; a new contact's adds its contact, identity and thread (see the commands per message below).
  console.log(
    `  as a share of the engines: inserts ${ratio(processedRate, ceilings['mongodb insertOne'])}; updates ${ratio(processedRate, ceilings['mongodb updateOne by _id'])}; publishes ${ratio(processedRate * 2, ceilings['jetstream publish+ack'])}`,
  );
  console.log(`end to end (ingress → timeline): p50 ${percentile(latencies, 50)} ms  p95 ${percentile(latencies, 95)} ms  p99 ${percentile(latencies, 99)} ms  max ${latencies[latencies.length - 1]} ms`);
  // Latency by when the message was sent, to tell a start-up transient from a steady backlog.
  const windowSeconds = plan.kind === 'burst' ? 2 : WINDOW_SECONDS;
  const windows: string[] = [];
  for (let from = 0; from < plan.seconds; from += windowSeconds) {
    const inWindow = latenciesSentBetween(load, started, from, from + windowSeconds);
    windows.push(`${from}-${Math.min(plan.seconds, from + windowSeconds)} s: p50 ${percentile(inWindow, 50)} p99 ${percentile(inWindow, 99)}`);
  }
  console.log(`end to end by send time (ms): ${windows.join(' | ')}`);
  console.log(`not on a timeline within ${drainSeconds} s after the last send: ${missing}; duplicated ${duplicated}`);
  const memory = Object.entries(platform.processes).map(([name, child]) => `${name} ${rssMiB(child!.pid)} MiB`);
  console.log(`CPU while sending (share of one core): ${sent.cpuWhileSending}`);
  console.log(`memory (RSS): ${memory.join(', ')}, ferretdb ${rssMiB(platform.engines.mongodb.child!.pid)} MiB`);
  const lost = missing === 0 ? 'met' : `NOT shown (${missing} still queued or lost)`;
  const doubled = duplicated === 0 ? 'met' : 'NOT met';
  if (plan.kind === 'burst') {
    const drained = missing === 0 ? `${processedSeconds.toFixed(1)} s after the first send` : 'not drained';
    console.log(`target: ${plan.total} first messages drain within 30 s: ${missing === 0 && processedSeconds <= 30 ? 'met' : 'NOT met'} (${drained}); zero lost: ${lost}; zero duplicated: ${doubled}`);
    return;
  }
  const rate = plan.total / plan.seconds;
  const sustained = accepted / sendSeconds >= rate * 0.98 && processedRate >= rate * 0.98;
  const p99Target = plan.newContacts ? 2000 : 1000;
  console.log(
    `target ≥ 300/s sustained: ${sustained && rate >= 300 ? 'met' : 'NOT met'}; p99 < ${p99Target / 1000} s: ${percentile(latencies, 99) < p99Target ? 'met' : 'NOT met'}; zero lost: ${lost}; zero duplicated: ${doubled}`,
  );
}
