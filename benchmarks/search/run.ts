/**
 * Benchmark (issue #6): the search service on a real Elasticsearch.
 *   npm run bench:search                                       # 100 000 contacts, 500 000 messages
 *   BENCH_CONTACTS=10000 BENCH_MESSAGES=50000 npm run bench:search
 *
 * The bulk load publishes contact and conversation events straight to JetStream, exactly as the
 * contacts and conversations services emit them (libs/contracts); 600 000 events through HTTP
 * ingress would take far longer than the indexing being measured. Searches go through the gateway
 * over HTTP, as clients make them. "Accepted" below means the event was stored by JetStream.
 * Targets: searchable within 2 s p95, contact search p95 < 50 ms, message search p95 < 100 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { ContactCreated, ContactSnapshot, EventEnvelope, MessageCreated, MessageSnapshot, ThreadSnapshot } from '@omnibox/contracts';
import { EventBus } from '@omnibox/messaging';
import { connectNats } from '@omnibox/platform';
import { consumersCaughtUp, isolatedEnv, uniqueName } from '@omnibox/testing';
import { ServiceProcess, startServiceProcess } from '../../tests/support/service-process';
import { measureCeilings, ratio } from '../support/engine-ceilings';
import { call, formatReport, intFromEnv, measure, percentile, rssMiB } from '../support/bench';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEngines, stopEngines, engineEnv, freePort } = require('../../tools/engines/engines.js');

const FIRST = ['Carlos', 'Carter', 'Maria', 'Mario', 'Ana', 'Andre', 'Budi', 'Siti', 'Dewi', 'Rina', 'Joko', 'Putri', 'Agus', 'Wati', 'Eko', 'Lina', 'Hadi', 'Nur', 'Yusuf', 'Fitri', 'Oscar', 'Scarlet', 'Tomas', 'Sofia'];
const LAST = ['Silva', 'Santoso', 'Wijaya', 'Pratama', 'Saputra', 'Hidayat', 'Kurniawan', 'Lestari', 'Gunawan', 'Setiawan', 'Jones', 'Reed', 'Tan', 'Lim', 'Wong', 'Halim'];
const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'example.co.id', 'corp.example.com'];
const WORDS = (
  'order shipping invoice payment refund delivery package address tomorrow today price discount promo stock size color ' +
  'thanks please hello morning evening ready confirm cancel change return warranty receipt transfer bank account ' +
  'pizza coffee shoes shirt phone laptop charger cable battery screen'
).split(' ');
const EMOJI = ['🍕', '👍🏽', '🙏', '😀', '🎉', '❤️'];

/** Deterministic pseudo-random numbers, so two runs load the same data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function thread(contactId: string, contact: { firstName: string; lastName: string }, assigneeId: string | null, at: string): ThreadSnapshot {
  return {
    contactId,
    contact: { id: contactId, firstName: contact.firstName, lastName: contact.lastName, blocked: false },
    assigneeId,
    teamId: null,
    collaboratorIds: [],
    mentionedUntil: {},
    status: 'open',
    previousStatus: null,
    snoozedUntil: null,
    lastMessage: null,
    lastMessageAt: at,
    unreplied: true,
    lastIncomingAt: at,
    statusSince: at,
    snoozedAt: null,
    lastIncomingChannelId: 'ch-bench',
    incomingCount: 1,
    deleted: false,
    updatedAt: at,
  };
}

function message(id: string, contactId: string, text: string, at: string): MessageSnapshot {
  return {
    kind: 'message', id, contactId, direction: 'incoming', channelId: 'ch-bench', type: 'text', text, status: 'received', error: null,
    sender: { category: 'contact' }, replyToId: null, linkPreview: null, attachment: null, template: null, email: null, payload: null,
    broadcastId: null, suppressed: false, createdAt: at,
  };
}

/** Publishes with a window of acknowledgements in flight (JetStream stores each before it answers). */
async function publishAll(bus: EventBus, count: number, make: (i: number) => EventEnvelope, window = 512): Promise<number> {
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: window }, async () => {
      while (next < count) await bus.publish(make(next++));
    }),
  );
  return (Date.now() - started) / 1000;
}

async function main() {
  const contacts = intFromEnv('BENCH_CONTACTS', 100_000);
  const messages = intFromEnv('BENCH_MESSAGES', 500_000);
  const probes = intFromEnv('BENCH_PROBES', 200);
  const queries = intFromEnv('BENCH_QUERIES', 3000);
  const concurrency = intFromEnv('BENCH_CONCURRENCY', 16);

  const dataDir = mkdtempSync(join(tmpdir(), 'omnibox-bench-search-'));
  // s3: the gateway keeps attachments and starts only with its object store.
  const engines = await startEngines({ names: ['nats', 'redis', 'mongodb', 'elasticsearch', 's3'], dataDir });
  const namespace = uniqueName('bs');
  const env: Record<string, string> = { ...isolatedEnv(namespace), ...engineEnv(engines), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' };
  const processes: Record<string, ServiceProcess> = {};
  const nats = await connectNats(env.NATS_URL, 'bench-search');
  const stop = async () => {
    for (const child of Object.values(processes)) child.kill('SIGTERM');
    await Promise.all(Object.values(processes).map((child) => child.exited));
    await nats.close();
    await stopEngines(engines);
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().finally(() => process.exit(130)));
  try {
    // The engines' own rates first, on the idle machine: indexing leans on bulk requests, searches on term queries.
    const ceilings = await measureCeilings({ NATS_URL: env.NATS_URL, REDIS_URL: env.REDIS_URL, ELASTICSEARCH_URL: env.ELASTICSEARCH_URL }, concurrency);
    const [searchHttp, searchGrpc, gatewayPort] = [await freePort(), await freePort(), await freePort()];
    processes.search = await startServiceProcess('search', { ...env, GRPC_PORT: String(searchGrpc) }, searchHttp);
    env.SEARCH_GRPC_URL = `127.0.0.1:${searchGrpc}`;
    processes.gateway = await startServiceProcess('gateway', { ...env, MONGODB_DATABASE: `${namespace}_gateway` }, gatewayPort);
    const gw = `http://127.0.0.1:${gatewayPort}`;
    const bus = new EventBus(nats.connection, { stream: env.EVENT_STREAM, subjectPrefix: env.EVENT_SUBJECT_PREFIX });
    await bus.ensureStreams();

    const workspace = await call('POST', `${gw}/v1/workspaces`, undefined, { name: 'Bench', owner: { firstName: 'Bea', email: `bea.${namespace}@example.com`, password: 'bench-password-1' } });
    const token = workspace.body.token as string;
    const workspaceId = workspace.body.workspace.id as string;
    const agent = await call('POST', `${gw}/v1/users`, token, { firstName: 'Sam', email: `sam.${namespace}@example.com`, password: 'bench-password-1', role: 'agent', restriction: 'self' });
    const agentToken = (await call('POST', `${gw}/v1/auth/login`, undefined, { email: `sam.${namespace}@example.com`, password: 'bench-password-1' })).body.token as string;
    const agentId = agent.body.id as string;

    console.log(`search benchmark: ${contacts} contacts, ${messages} messages (published straight to JetStream as the services emit them), ${probes} latency probes, ${queries} queries per kind at concurrency ${concurrency}`);
    const rnd = random(42);
    const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
    const people: Array<{ firstName: string; lastName: string; assigneeId: string | null }> = [];
    const base = Date.parse('2026-01-01T00:00:00Z');

    // ---- bulk load ---------------------------------------------------------------------------------
    const loadStarted = Date.now();
    const contactSeconds = await publishAll(bus, contacts, (i) => {
      const firstName = pick(FIRST);
      const lastName = pick(LAST);
      const assigneeId = i % 4 === 0 ? agentId : null;
      people[i] = { firstName, lastName, assigneeId };
      const at = new Date(base + i).toISOString();
      const snapshot: ContactSnapshot = {
        id: `c${i}`, firstName, lastName, phone: `+62812${String(10_000_000 + i).slice(-8)}`, email: `${firstName}.${lastName}${i}@${pick(DOMAINS)}`.toLowerCase(),
        language: 'id', countryCode: 'ID', gender: null, tags: ['bench'], customFields: { account: `ACC-${i}` }, blocked: false, assigneeId, teamId: null, createdAt: at, updatedAt: at,
      };
      return ContactCreated.create({ workspaceId, aggregateId: snapshot.id, data: { contact: snapshot } });
    });
    const messageSeconds = await publishAll(bus, messages, (i) => {
      const c = Math.floor(rnd() * contacts);
      const person = people[c];
      const at = new Date(base + 1_000_000 + i * 10).toISOString();
      const words = Array.from({ length: 6 + Math.floor(rnd() * 10) }, () => pick(WORDS));
      if (i % 7 === 0) words.push(String(Math.floor(rnd() * 1000)).padStart(3, '0'));
      if (i % 11 === 0) words.push(pick(EMOJI));
      if (i % 13 === 0) words.push(`${person.firstName.toLowerCase()}@${pick(DOMAINS)}`);
      return MessageCreated.create({ workspaceId, aggregateId: `c${c}`, data: { message: message(`m${i}`, `c${c}`, words.join(' '), at), thread: thread(`c${c}`, person, person.assigneeId, at) } });
    });
    const publishedAt = Date.now();
    console.log(`published ${contacts} contact events in ${contactSeconds.toFixed(1)} s and ${messages} message events in ${messageSeconds.toFixed(1)} s (${((contacts + messages) / (contactSeconds + messageSeconds)).toFixed(0)} events/s)`);
    console.log(`  publishing: ${ratio((contacts + messages) / (contactSeconds + messageSeconds), ceilings['jetstream publish+ack'])}`);
    await consumersCaughtUp(bus, { durables: ['search-indexer'], timeoutMs: 30 * 60_000, everyMs: 250 });
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    console.log(
      `indexing: ${contacts + messages} events indexed ${loadSeconds.toFixed(1)} s after the first was published (${((Date.now() - publishedAt) / 1000).toFixed(1)} s after the last): ${((contacts + messages) / loadSeconds).toFixed(0)} events/s end to end`,
    );
    console.log(`  indexing: ${ratio((contacts + messages) / loadSeconds, ceilings['elasticsearch bulk index'])}`);
    const total = await call('GET', `${gw}/v1/search/messages?q=order&limit=1`, token);
    if (total.status !== 200) throw new Error(`message search answered ${total.status}: ${JSON.stringify(total.body)}`);

    if (process.env.BENCH_HOLD) {
      console.log(`holding: gateway ${gw} token ${token} elasticsearch ${env.ELASTICSEARCH_URL}`);
      await new Promise(() => undefined);
    }
    // ---- accepted → searchable -----------------------------------------------------------------------
    // One probe message every 100 ms, each with a unique number; one poller asks for all outstanding
    // numbers at once (a numbers query matches any of them), so polling does not become the load.
    const delays: number[] = [];
    const pending = new Map<string, number>();
    let published = 0;
    const poller = (async () => {
      while (published < probes || pending.size > 0) {
        const numbers = [...pending.keys()].slice(0, 20);
        if (numbers.length > 0) {
          const res = await call('GET', `${gw}/v1/search/messages?limit=200&q=${encodeURIComponent(numbers.join(' '))}`, token);
          const now = Date.now();
          for (const hit of res.status === 200 ? (res.body.items as Array<{ snippet: string }>) : []) {
            const number = /\b(77\d{6})\b/.exec(hit.snippet)?.[1];
            const accepted = number ? pending.get(number) : undefined;
            if (number && accepted !== undefined) {
              delays.push(now - accepted);
              pending.delete(number);
            }
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    for (let i = 0; i < probes; i++) {
      const number = String(77_000_000 + i);
      const c = i % contacts;
      const at = new Date().toISOString();
      await bus.publish(MessageCreated.create({ workspaceId, aggregateId: `c${c}`, data: { message: message(`p${i}`, `c${c}`, `status probe ${number} please`, at), thread: thread(`c${c}`, people[c], people[c].assigneeId, at) } }));
      pending.set(number, Date.now());
      published++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await poller;
    delays.sort((a, b) => a - b);
    const searchableP95 = percentile(delays, 95);
    console.log(`accepted → searchable (n=${probes}, one every 100 ms): p50 ${percentile(delays, 50)} ms  p95 ${searchableP95} ms  p99 ${percentile(delays, 99)} ms  max ${delays[delays.length - 1]} ms`);

    // ---- search latency under concurrent load ----------------------------------------------------------
    const contactQueries = [...FIRST.map((name) => name.slice(0, 3).toLowerCase()), ...LAST.map((name) => name.toLowerCase()), 'carlos sil', '0812 100', '+62 812 1001', 'gmail', '@yahoo.com', 'maria.santoso', 'acc-123'];
    const messageQueries = [...WORDS, 'order shipping', 'thanks please', 'refund payment', '016 014 123', '@gmail', 'carlos@gmail.com', 'pizza coffee', 'invoice'];
    const results: Record<string, { p95: number }> = {};
    const valid = (list: string[]) => list.filter((query) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(query)].length >= 3);
    const kinds: Array<[string, string, string[], string]> = [
      ['GET /v1/search/contacts (owner)', 'contacts', contactQueries, token],
      ['GET /v1/search/contacts (self agent)', 'contacts', contactQueries, agentToken],
      ['GET /v1/search/messages (owner)', 'messages', valid(messageQueries), token],
      ['GET /v1/search/messages (self agent)', 'messages', valid(messageQueries), agentToken],
    ];
    for (const level of [4, concurrency]) {
      // The gateway's own floor at this load: an authenticated request that calls no service.
      console.log(formatReport(`GET /v1/me (baseline) c=${level}`, await measure(Math.min(queries, 1000), level, async () => (await call('GET', `${gw}/v1/me`, token)).status === 200)));
      for (const [name, path, list, who] of kinds) {
        const report = await measure(queries, level, async (i) => {
          const res = await call('GET', `${gw}/v1/search/${path}?q=${encodeURIComponent(list[i % list.length])}`, who);
          return res.status === 200;
        });
        results[`${name} c=${level}`] = report;
        console.log(formatReport(`${name} c=${level}`, report));
        console.log(`    ${ratio(report.throughput, ceilings['elasticsearch term query'])}`);
      }
    }
    // Elasticsearch's own time for the same searches, one at a time through the gateway: what each adds
    // to the index's search statistics (query and fetch phases, about what `took` reports), to tell
    // its cost apart from the time requests spend queued on this machine's two cores.
    const es = new Client({ node: env.ELASTICSEARCH_URL });
    const searchMillis = async (index: string) => {
      const search = (await es.indices.stats({ index, metric: 'search' }))._all.primaries?.search;
      return (search?.query_time_in_millis ?? 0) + (search?.fetch_time_in_millis ?? 0);
    };
    const timed = async (index: string, request: () => Promise<unknown>) => {
      const before = await searchMillis(index);
      await request();
      return (await searchMillis(index)) - before;
    };
    for (const [name, who] of [['owner', token], ['self agent', agentToken]]) {
      const tookContacts: number[] = [];
      const tookMessages: number[] = [];
      const list = valid(messageQueries);
      for (let i = 0; i < 300; i++) {
        const contactQ = encodeURIComponent(contactQueries[i % contactQueries.length]);
        tookContacts.push(await timed('omnibox-contacts', () => call('GET', `${gw}/v1/search/contacts?q=${contactQ}`, who)));
        const messageQ = encodeURIComponent(list[i % list.length]);
        tookMessages.push(await timed('omnibox-messages', () => call('GET', `${gw}/v1/search/messages?q=${messageQ}`, who)));
      }
      for (const [what, took] of [['contact', tookContacts], ['message', tookMessages]] as Array<[string, number[]]>) {
        took.sort((a, b) => a - b);
        console.log(`elasticsearch time, ${what} search (${name}, one at a time, n=300): p50 ${percentile(took, 50)} ms  p95 ${percentile(took, 95)} ms  p99 ${percentile(took, 99)} ms`);
      }
    }
    await es.close();
    const rss = `search ${rssMiB(processes.search.pid)} MiB, gateway ${rssMiB(processes.gateway.pid)} MiB, elasticsearch ${rssMiB(engines.elasticsearch.child.pid)} MiB, nats ${rssMiB(engines.nats.child.pid)} MiB`;
    console.log(`memory (RSS): ${rss}`);
    console.log(`target searchable p95 < 2000 ms: ${searchableP95 < 2000 ? 'met' : 'NOT met'} (${searchableP95} ms)`);
    for (const level of [4, concurrency]) {
      const contactP95 = Math.max(results[`GET /v1/search/contacts (owner) c=${level}`].p95, results[`GET /v1/search/contacts (self agent) c=${level}`].p95);
      const messageP95 = Math.max(results[`GET /v1/search/messages (owner) c=${level}`].p95, results[`GET /v1/search/messages (self agent) c=${level}`].p95);
      console.log(`target contact search p95 < 50 ms at c=${level}: ${contactP95 < 50 ? 'met' : 'NOT met'} (${contactP95.toFixed(1)} ms)`);
      console.log(`target message search p95 < 100 ms at c=${level}: ${messageP95 < 100 ? 'met' : 'NOT met'} (${messageP95.toFixed(1)} ms)`);
    }
    if (process.env.BENCH_LOG_LEVEL) console.log(processes.search.output().split('\n').slice(-400).join('\n'));
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
