import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { eventually, sharedEngineUrls } from '@omnibox/testing';
import type { ServiceName } from './platform';

const ROOT = join(__dirname, '..', '..');

export interface ServiceProcess {
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
  output(): string;
  pid: number;
}

/** The test run's object store, for services that keep files (benchmarks start their own and pass it in `env`). */
function sharedStorage(): Record<string, string> {
  if (!process.env.TEST_S3_ENDPOINT) return {};
  const { S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = sharedEngineUrls;
  return { S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY };
}

/**
 * Runs one backend service from its sources in a process of its own (what `main.ts` does in
 * production), for tests that crash it for real, and resolves once `/health/ready` answers 200.
 */
export async function startServiceProcess(name: ServiceName, env: Record<string, string>, httpPort: number): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-r', join(ROOT, 'libs/testing/src/register-ts.js'), join(ROOT, `services/${name}/src/main.ts`)], {
    env: { PATH: process.env.PATH ?? '', ...sharedStorage(), ...env, [name === 'gateway' ? 'GATEWAY_PORT' : 'HTTP_PORT']: String(httpPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk) => (log += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let ended = false;
  void exited.then(() => (ended = true));
  const service: ServiceProcess = { exited, kill: (signal = 'SIGTERM') => void child.kill(signal), output: () => log, pid: child.pid ?? 0 };
  try {
    await eventually(async () => {
      if (ended) throw new Error(`${name} exited during start:\n${log}`);
      const res = await fetch(`http://127.0.0.1:${httpPort}/health/ready`);
      return res.status === 200;
    }, `${name} to be ready`, 30000, 100);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return service;
}
