import type { FakeProvider } from '../../tests/support/fake-provider';
import type { Ceiling } from '../support/engine-ceilings';
import type { ProcessUsage } from '../support/process-meter';
import type { ActionFigures } from './agent-actions';
import type { ListFigures } from './inbox-lists';
import { combined, Ledger, Stage, StageFigures, stageRate } from './ledger';
import type { AgentSocket, PushObserver } from './observers';
import { PlatformReport, Row, stageRow, TARGETS, withShares } from './report';
import type { SearchProbe } from './search-probe';

export interface RunOutcome {
  settings: Record<string, number>;
  startAt: number;
  sendSeconds: number;
  sent: { refused: number; behindMs: number };
  ledger: Ledger;
  ceilings: Record<string, Ceiling>;
  inbox: StageFigures;
  sockets: AgentSocket[];
  socketStages: Stage[];
  pushes: PushObserver;
  search: SearchProbe;
  searches: Omit<ListFigures, 'perSecond'>;
  lists: ListFigures;
  actions: ActionFigures[];
  usage: ProcessUsage[];
  provider: FakeProvider;
}

/** A row for requests the agents make (no per-message stage): latency, errors as the note. */
function requestRow(name: string, figures: Omit<ListFigures, 'perSecond'> & { unexpected?: Record<string, number> }, target = '', met: boolean | null = null, note = ''): Row {
  const statuses = Object.entries(figures.unexpected ?? {}).map(([status, count]) => `${status === '0' ? 'no answer' : status} ×${count}`);
  const errors = figures.errors ? `${figures.errors} answered other than expected${statuses.length ? ` (${statuses.join(', ')})` : ''}` : '';
  return { name, n: figures.requests, p50: figures.p50, p95: figures.p95, p99: figures.p99, max: figures.max, lost: null, doubled: null, target, met, perSecond: 0, leans: [], note: [errors, note].filter(Boolean).join('; ') || undefined };
}

const times = (ours: number, ceiling: Ceiling | undefined) => (ceiling && ceiling.p50 > 0 ? `p50 ${(ours / ceiling.p50).toFixed(0)}× ${ceiling.name.split(' (')[0]}'s ${ceiling.p50.toFixed(2)} ms` : '');

/** The table's rows, the issue's targets with PASS / MISS, and notes on where the time went. */
export function buildReport(run: RunOutcome): PlatformReport {
  const { ledger, settings, pushes, search } = run;
  const all = () => true;
  const known = (seq: number) => ledger.isAccepted(seq) && ledger.isKnown(seq);
  const rate = (stage: Stage, expected: (seq: number) => boolean) => stageRate(stage, expected, run.startAt, run.sendSeconds);
  const acceptedRate = rate(ledger.posted, all);
  const timelineRate = rate(ledger.timeline, ledger.isAccepted);
  const timeline = ledger.timeline.figures(ledger.sentAt, ledger.isAccepted);
  const socket = combined('pushed on the socket (each agent)', run.socketStages, ledger.sentAt, ledger.isAccepted);
  const searchable = { ...search.stage.figures(ledger.sentAt, search.expected), note: `1 message in ${search.every} followed, asked for every ${settings.searchIntervalMs} ms${search.pending ? `; ${search.pending} never found` : ''}` };
  const notified = { ...pushes.notified.figures(ledger.sentAt, known), note: pushes.replaced ? `${pushes.replaced} replaced by a later push of their thread (Topic)` : undefined };
  const listsMet = run.lists.p95 < TARGETS.listP95 && settings.agents >= 8 && run.lists.errors === 0;
  const rows: Row[] = [
    // The ingress answers once per post: nothing there can be doubled.
    { ...stageRow(ledger.posted.figures(ledger.sentAt, all), acceptedRate, [{ ceiling: 'jetstream publish+ack', perUnit: 1 }]), doubled: null, target: '0 lost (refused)' },
    stageRow(timeline, timelineRate, [
      { ceiling: 'mongodb insertOne', perUnit: 1 },
      { ceiling: 'mongodb updateOne by _id', perUnit: 1 },
      { ceiling: 'jetstream publish+ack', perUnit: 2 },
    ], TARGETS.timelineP99),
    stageRow(run.inbox, timelineRate, [{ ceiling: 'redis round trip', perUnit: 1 }]),
    stageRow(socket, timelineRate, [{ ceiling: 'redis round trip', perUnit: 2 }], TARGETS.socketP99),
    stageRow(searchable, timelineRate, [{ ceiling: 'elasticsearch bulk index', perUnit: 1 }], TARGETS.searchableP99),
    stageRow(notified, rate(pushes.notified, known), [{ ceiling: 'jetstream publish+ack', perUnit: 1 }], TARGETS.notifiedP99),
    stageRow(pushes.assignmentFigures(), 0, []),
    requestRow(`inbox list request (${settings.agents} agents)`, run.lists, `p95 < ${TARGETS.listP95} ms at 8 agents`, listsMet, `${run.lists.perSecond.toFixed(0)} lists/s; ${times(run.lists.p50, run.ceilings['redis round trip'])}`),
    requestRow('search request (agents)', run.searches, '', null, times(run.searches.p50, run.ceilings['elasticsearch term query'])),
    ...run.actions.map((action) => requestRow(action.name, action)),
  ];
  const stages = [timeline, run.inbox, socket, searchable, notified];
  const sustained = settings.rate >= TARGETS.inboundPerSecond && acceptedRate >= 0.98 * settings.rate && timelineRate >= 0.98 * settings.rate;
  const p99 = (figures: StageFigures, limit: number) => ({ figure: `p99 ${figures.p99.toFixed(0)} ms over ${figures.reached} (${figures.lost} lost)`, met: figures.reached > 0 && figures.p99 < limit });
  const targets = [
    { target: `≥ ${TARGETS.inboundPerSecond} inbound messages/s sustained`, figure: `${acceptedRate.toFixed(0)} accepted/s, ${timelineRate.toFixed(0)} on timelines/s (offered ${settings.rate}/s)`, met: sustained },
    { target: `timeline p99 < ${TARGETS.timelineP99 / 1000} s`, ...p99(timeline, TARGETS.timelineP99) },
    { target: `socket p99 < ${TARGETS.socketP99 / 1000} s`, ...p99(socket, TARGETS.socketP99) },
    { target: `searchable p99 < ${TARGETS.searchableP99 / 1000} s`, ...p99(searchable, TARGETS.searchableP99) },
    { target: `notification p99 < ${TARGETS.notifiedP99 / 1000} s`, ...p99(notified, TARGETS.notifiedP99) },
    { target: `inbox list p95 < ${TARGETS.listP95} ms at 8 concurrent agents`, figure: `p95 ${run.lists.p95.toFixed(1)} ms at ${settings.agents} agents, ${run.lists.errors} errors`, met: listsMet },
    { target: 'zero lost at every stage', figure: stages.map((stage) => `${stage.name} ${stage.lost}`).join(', '), met: stages.every((stage) => stage.lost === 0) && ledger.posted.figures(ledger.sentAt, all).lost === 0 },
    { target: 'zero doubled at every stage', figure: stages.map((stage) => `${stage.name} ${stage.doubled}`).join(', '), met: stages.every((stage) => stage.doubled === 0) },
  ];
  const loadGenerator = run.usage.find((usage) => usage.name === 'load generator');
  const framesPerSecond = [...run.sockets[0].frames].map(([type, count]) => `${type} ${(count / run.sendSeconds).toFixed(0)}/s`).join(', ');
  const notes = [
    `sent ${ledger.size} messages in ${run.sendSeconds.toFixed(1)} s (${run.sent.refused} refused; the sender was at most ${run.sent.behindMs.toFixed(0)} ms behind its schedule)`,
    `load generator: ${loadGenerator?.cpuPercent.toFixed(0)}% of one core (observers, listers, push decryption), peak RSS ${loadGenerator?.peakRssMiB.toFixed(0)} MiB`,
    `busiest while sending: ${run.usage.slice(0, 4).map((usage) => `${usage.name} ${usage.cpuPercent.toFixed(0)}%`).join(', ')}`,
    `frames on one agent's socket over the sending time: ${framesPerSecond}`,
    `replies delivered to the loopback provider: ${run.provider.sends().length}`,
    `in the inbox list: doubled counts rows repeated within one page; a message is seen there when its thread's row shows it or a later message`,
  ];
  return { startedAt: new Date(run.startAt).toISOString(), settings, ceilings: run.ceilings, rows: withShares(rows, run.ceilings), targets, processes: run.usage, notes };
}
