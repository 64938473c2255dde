import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const launcher = require('../../../tools/engines/engines.js');

export interface TestEngine {
  name: string;
  url: string;
  port: number;
  start(): Promise<unknown>;
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<void>;
}

export type EngineName = 'nats' | 'redis' | 'mongodb' | 'elasticsearch' | 's3';

/**
 * A private engine for a test that stops, kills or restarts it (the shared ones must stay up).
 * Restarting keeps its port and data folder. `env` holds the variables services read to reach it
 * (e.g. NATS_URL, or S3_ENDPOINT and the S3 credentials).
 */
export async function startPrivateEngine(name: EngineName): Promise<TestEngine & { env: Record<string, string>; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `omnibox-${name}-`));
  const port = await launcher.freePort();
  const engine = new launcher.Engine(name, port, join(dir, name), { logDir: dir });
  await engine.start();
  return Object.assign(engine, {
    env: launcher.engineEnv({ [name]: engine }) as Record<string, string>,
    async dispose() {
      await engine.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
