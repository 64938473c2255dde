/**
 * Benchmark (issue #3): create contacts through the gateway, then read them back by id.
 *   npm run bench:contacts            # 100 000 contacts
 *   BENCH_CONTACTS=10000 npm run bench:contacts
 * Target: p95 of GET /v1/contacts/{id} under 50 ms on this machine.
 */
import { call, formatReport, intFromEnv, measure, rssMiB } from '../support/bench';
import { measureCeilings, ratio } from '../support/engine-ceilings';
import { startBenchPlatform } from '../support/platform-processes';

async function main() {
  const count = intFromEnv('BENCH_CONTACTS', 100_000);
  const reads = intFromEnv('BENCH_READS', 20_000);
  const concurrency = intFromEnv('BENCH_CONCURRENCY', 32);
  const platform = await startBenchPlatform(['nats', 'redis', 'mongodb'], ['contacts', 'gateway']);
  // Ctrl-C still stops the services and removes the throw-away engines.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void platform.stop().finally(() => process.exit(130)));
  try {
    const gw = platform.gatewayUrl;
    const workspace = await call('POST', `${gw}/v1/workspaces`, undefined, { name: 'Bench', owner: { firstName: 'Bea', email: `bea.${Date.now()}@example.com`, password: 'bench-password-1' } });
    const token = workspace.body.token as string;
    await call('POST', `${gw}/v1/custom-fields`, token, { key: 'plan', name: 'Plan', type: 'list', options: ['free', 'pro'] });
    const ids: string[] = new Array(count);
    const ceilings = await measureCeilings(platform.env, concurrency);
    console.log(`contacts benchmark: ${count} creates, ${reads} reads, concurrency ${concurrency}`);
    const create = await measure(count, concurrency, async (i) => {
      const res = await call('POST', `${gw}/v1/contacts`, token, {
        firstName: `Contact${i}`,
        lastName: 'Bench',
        phone: `+1 415 ${String(1000000 + i).slice(-7)}`,
        email: `contact${i}@bench.example.com`,
        tags: i % 2 ? ['lead'] : ['customer'],
        customFields: { plan: i % 3 ? 'free' : 'pro' },
      });
      ids[i] = res.body?.id;
      return res.status === 201;
    });
    console.log(formatReport(`POST /v1/contacts (c=${concurrency})`, create));
    // A create is one contact insert (with its outbox marker) and the clean-up update after the publish.
    console.log(`  as a share of the engine: ${ratio(create.throughput, ceilings['mongodb insertOne'])}`);
    // Reads at two loads: a few agents' clicks at a time, and the full concurrency.
    const readP95: Record<number, number> = {};
    for (const readers of [4, concurrency]) {
      const read = await measure(reads, readers, async () => {
        const id = ids[Math.floor(Math.random() * count)];
        const res = await call('GET', `${gw}/v1/contacts/${id}`, token);
        return res.status === 200;
      });
      console.log(formatReport(`GET /v1/contacts/{id} (c=${readers})`, read));
      console.log(`  as a share of MongoDB single-document round trips: ${ratio(read.throughput, ceilings['mongodb updateOne by _id'])}`);
      readP95[readers] = read.p95;
    }
    const memory = Object.entries(platform.processes).map(([name, process]) => `${name} ${rssMiB(process!.pid)} MiB`);
    console.log(`memory (RSS): ${memory.join(', ')}, ferretdb ${rssMiB(platform.engines.mongodb.child!.pid)} MiB (PostgreSQL not counted)`);
    for (const [readers, p95] of Object.entries(readP95)) console.log(`target GET p95 < 50 ms at concurrency ${readers}: ${p95 < 50 ? 'met' : 'NOT met'} (${p95.toFixed(1)} ms)`);
  } finally {
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
