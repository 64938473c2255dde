/**
 * `npm run test:fuzz` (issue #18): Schemathesis against the whole platform on throw-away engines, every
 * service in its own process, as the gateway publishes its OpenAPI document (`/v1/openapi.json`).
 *   npm run test:fuzz                      # about 10 minutes
 *   FUZZ_BUDGET=180 npm run test:fuzz      # a bounded run (CI)
 *   FUZZ_SEED=42 npm run test:fuzz         # the same generated data again
 *   FUZZ_PATHS='^/v1/users' npm run test:fuzz   # only the operations whose path matches
 * Checks every answer: no 5xx, the status documented, the body matching its schema, the content type
 * documented. Prints requests and status classes per operation and exits non-zero on any failure, or
 * when an operation it can reach never answered 2xx.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoopbackPushService } from '@omnibox/testing';
import webpush from 'web-push';
import { startBenchPlatform } from '../../benchmarks/support/platform-processes';
import { FakeProvider } from '../../tests/support/fake-provider';
import { seedWorkspace } from './seed';
import { printSummary, reportLostSession, tallyOf, verdictOf } from './summary';
import { ensureSchemathesis } from './venv';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { provisionedEngines } = require('../engines/engines.js');

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, '.data', 'fuzz');
const CHECKS = ['not_a_server_error', 'status_code_conformance', 'response_schema_conformance', 'content_type_conformance'];

function schemathesis(bin: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const budget = Number(process.env.FUZZ_BUDGET ?? 600);
  const bin = ensureSchemathesis();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const vapid = webpush.generateVAPIDKeys();
  const provider = await new FakeProvider().start();
  const push = await LoopbackPushService.start(vapid.publicKey);
  const platform = await startBenchPlatform(provisionedEngines(), ['contacts', 'conversations', 'search', 'calls', 'notifications', 'gateway'], {
    LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'error',
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:fuzz@example.com',
  });
  const stop = async () => {
    await platform.stop();
    await provider.stop();
    await push.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().finally(() => process.exit(130)));
  try {
    const seed = await seedWorkspace(platform.gatewayUrl, provider, push);
    const [seedFile, logFile] = [join(OUT, 'seed.json'), join(OUT, 'answers.jsonl')];
    writeFileSync(seedFile, JSON.stringify(seed));
    writeFileSync(logFile, '');
    const document = (await (await fetch(`${platform.gatewayUrl}/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const selected = (path: string) => !process.env.FUZZ_PATHS || new RegExp(process.env.FUZZ_PATHS).test(path);
    const operations = Object.entries(document.paths)
      .filter(([path]) => selected(path))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    console.log(`fuzz: ${operations.length} operations for ${budget} s against ${platform.gatewayUrl}`);
    const args = [
      'run', `${platform.gatewayUrl}/v1/openapi.json`, '--url', platform.gatewayUrl,
      '--checks', CHECKS.join(','), '--max-time', String(budget), '--workers', process.env.FUZZ_WORKERS ?? '2',
      '--header', `Authorization: Bearer ${seed.ownerToken}`, '--phases', 'examples,coverage,fuzzing', '--mode', 'all',
      '--generation-database', 'none', '--suppress-health-check', 'all', '--request-timeout', '30', '--no-color',
      '--report', 'junit', '--report-dir', join(OUT, 'report'),
      ...(process.env.FUZZ_SEED ? ['--seed', process.env.FUZZ_SEED] : []),
      ...(process.env.FUZZ_PATHS ? ['--include-path-regex', process.env.FUZZ_PATHS] : []),
    ];
    const exitCode = await schemathesis(bin, args, { SCHEMATHESIS_HOOKS: 'hooks', PYTHONPATH: __dirname, FUZZ_SEED: seedFile, FUZZ_LOG: logFile });
    // The services' own logs, for the cause of any 5xx.
    for (const [name, service] of Object.entries(platform.processes)) writeFileSync(join(OUT, `${name}.log`), service?.output() ?? '');
    const missing = printSummary(tallyOf(logFile, operations));
    if (missing.length > 0) console.log(`fuzz: no 2xx on ${missing.join(', ')}`);
    // Every request carries the owner's session: if it stopped working, most operations' "no 2xx" says
    // only that; name the answer where it stopped, and the directory writes just before it.
    const ownerStillSignedIn = (await fetch(`${platform.gatewayUrl}/v1/me`, { headers: { authorization: `Bearer ${seed.ownerToken}` } })).status === 200;
    if (!ownerStillSignedIn) reportLostSession(logFile, seed.ownerId);
    // FUZZ_REQUIRE_2XX=0: an operation without a 2xx is reported, not failed (its cases are drawn at
    // random within the budget; a 5xx, a wrong status or schema, or a lost session still fail).
    const require2xx = process.env.FUZZ_REQUIRE_2XX !== '0';
    const ok = exitCode === 0 && (missing.length === 0 || !require2xx) && ownerStillSignedIn;
    console.log(ok ? 'fuzz: passed' : `fuzz: FAILED (schemathesis exit ${exitCode})`);
    const verdict = verdictOf(join(OUT, 'report'));
    // Operations whose every check passed, and those with a failure (or without a 2xx, when required).
    // Worded so that it is not a test runner's closing count: CI reads the test suite's count only.
    const unmet = require2xx ? missing.length : 0;
    if (verdict) console.log(`fuzz: ${verdict.passed - unmet} operations passed, ${verdict.failed + unmet} failed${unmet === 0 && missing.length ? ` (${missing.length} without a 2xx, listed above)` : ''}`);
    return ok ? 0 : 1;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
