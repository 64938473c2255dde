import { rmSync } from 'node:fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stopEngines } = require('../../../../tools/engines/engines.js');

export default async function globalTeardown() {
  const state = (globalThis as Record<string, unknown>).__OMNIBOX_ENGINES__ as { engines: object; dataDir: string } | undefined;
  if (!state) return;
  await stopEngines(state.engines);
  if (!process.env.OMNIBOX_KEEP_TEST_DATA) rmSync(state.dataDir, { recursive: true, force: true });
}
