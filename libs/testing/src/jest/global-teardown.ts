import { rmSync } from 'node:fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stopEngines } = require('../../../../tools/engines/engines.js');

/** Stops the run's engines once, after the last test (Jest calls this once per project of the run). */
export default async function globalTeardown() {
  const holder = globalThis as Record<string, unknown>;
  const state = holder.__OMNIBOX_ENGINES__ as { engines: object; dataDir: string } | undefined;
  if (!state) return;
  holder.__OMNIBOX_ENGINES__ = undefined;
  await stopEngines(state.engines);
  if (!process.env.OMNIBOX_KEEP_TEST_DATA) rmSync(state.dataDir, { recursive: true, force: true });
}
