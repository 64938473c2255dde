import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The engine launcher is plain Node so that `npm start` can use it without a build step.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEngines, engineEnv, provisionedEngines } = require('../../../../tools/engines/engines.js');

/**
 * Starts one set of throw-away engines on free ports for the whole test run. Test files isolate
 * themselves inside it (their own databases, event stream and workspaces), so no file starts more
 * engines than the few tests that stop or kill one on purpose.
 *
 * Every project's Jest config names this setup; in a run of several projects Jest calls it once per
 * project, in one process, so only the first call starts the engines.
 */
export default async function globalSetup() {
  if (process.env.OMNIBOX_TEST_ENGINES === 'none' || process.env.TEST_ENGINES_DIR) return;
  const names: string[] = process.env.OMNIBOX_TEST_ENGINES ? process.env.OMNIBOX_TEST_ENGINES.split(',').filter(Boolean) : provisionedEngines();
  const dataDir = mkdtempSync(join(tmpdir(), 'omnibox-test-engines-'));
  process.env.TEST_ENGINES_DIR = dataDir;
  const started = Date.now();
  const engines = await startEngines({ names, dataDir });
  const env = engineEnv(engines);
  for (const [key, value] of Object.entries(env)) process.env[`TEST_${key}`] = value as string;
  (globalThis as Record<string, unknown>).__OMNIBOX_ENGINES__ = { engines, dataDir };
  process.stdout.write(`\n[test engines] ${names.join(', ')} ready in ${Date.now() - started} ms under ${dataDir}\n`);
}
