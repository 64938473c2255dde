import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isolatedEnv, uniqueName } from '@omnibox/testing';
import { ServiceName } from '../../tests/support/platform';
import { ServiceProcess, startServiceProcess } from '../../tests/support/service-process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEngines, stopEngines, engineEnv, freePort, provisionedEngines, ROOT } = require('../../tools/engines/engines.js');

export interface BenchPlatform {
  gatewayUrl: string;
  processes: Partial<Record<ServiceName, ServiceProcess>>;
  /** Each service's `GET /metrics` (the gateway's on its admin port). */
  metricsUrls: Partial<Record<ServiceName, string>>;
  engines: Record<string, { url: string; child?: { pid: number } }>;
  /** The services' shared environment (event stream, secrets), for observers of the events. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Every service of the platform: each folder of `services/` with a `src/main.ts` (what runs in
 * production), the gateway last since it is the one clients reach. A new service is started by
 * every benchmark that asks for the whole platform without anyone editing a list.
 */
export function everyService(): ServiceName[] {
  const names = readdirSync(join(ROOT, 'services')).filter((name: string) => existsSync(join(ROOT, 'services', name, 'src', 'main.ts'))) as ServiceName[];
  return [...names.filter((name) => name !== 'gateway').sort(), ...names.filter((name) => name === 'gateway')];
}

/** Every engine this checkout can run (Elasticsearch only once it is provisioned). */
export function everyEngine(): string[] {
  return provisionedEngines();
}

/**
 * What every benchmark passes to the services it starts, from its own environment:
 * - BENCH_NODE_OPTIONS: Node options (e.g. `--max-old-space-size=512`). Node refuses `--cpu-prof` there,
 *   so instead BENCH_CPU_PROFILE=<dir> has each service write <dir>/<pid>-<service>.cpuprofile as it
 *   stops (summarise with `node benchmarks/support/profile-summary.js <file>`);
 * - BENCH_SERVICE_<NAME>=value sets <NAME>, e.g. BENCH_SERVICE_INGEST_CONCURRENCY=64.
 */
function serviceSettingsFromEnv(): Record<string, string> {
  const settings: Record<string, string> = {};
  const nodeOptions = [process.env.BENCH_NODE_OPTIONS, process.env.BENCH_CPU_PROFILE ? `--require ${join(__dirname, 'cpu-profile.js')}` : undefined].filter(Boolean).join(' ');
  if (nodeOptions) settings.NODE_OPTIONS = nodeOptions;
  if (process.env.BENCH_CPU_PROFILE) settings.CPU_PROFILE_DIR = resolve(process.env.BENCH_CPU_PROFILE);
  for (const [name, value] of Object.entries(process.env)) if (name.startsWith('BENCH_SERVICE_') && value !== undefined) settings[name.slice('BENCH_SERVICE_'.length)] = value;
  return settings;
}

/**
 * A platform for benchmarks: throw-away real engines, and each service in its own process (as in
 * production), so the load generator does not share an event loop with what it measures.
 */
export async function startBenchPlatform(engineNames: string[], services: ServiceName[], extraEnv: Record<string, string> = {}): Promise<BenchPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omnibox-bench-'));
  // The gateway and the conversations service keep files: they need the object store to start.
  const keepsFiles = services.some((service) => service === 'gateway' || service === 'conversations');
  const engines = await startEngines({ names: keepsFiles && !engineNames.includes('s3') ? [...engineNames, 's3'] : engineNames, dataDir });
  const namespace = uniqueName('b');
  const env: Record<string, string> = { ...isolatedEnv(namespace), ...engineEnv(engines), LOG_LEVEL: 'warn', ...extraEnv, ...serviceSettingsFromEnv() };
  const processes: BenchPlatform['processes'] = {};
  const metricsUrls: BenchPlatform['metricsUrls'] = {};
  const stop = async () => {
    for (const process of Object.values(processes)) process.kill('SIGTERM');
    await Promise.all(Object.values(processes).map((process) => process.exited));
    await stopEngines(engines);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // Every gRPC address is known before anything starts, so a service reaches the others whatever the start order.
    const backends = services.filter((service) => service !== 'gateway');
    const grpcPorts = new Map<ServiceName, number>();
    for (const name of backends) {
      grpcPorts.set(name, await freePort());
      env[`${name.toUpperCase()}_GRPC_URL`] = `127.0.0.1:${grpcPorts.get(name)}`;
    }
    for (const name of backends) {
      const httpPort = await freePort();
      processes[name] = await startServiceProcess(name, { ...env, GRPC_PORT: String(grpcPorts.get(name)), MONGODB_DATABASE: `${namespace}_${name}` }, httpPort);
      metricsUrls[name] = `http://127.0.0.1:${httpPort}/metrics`;
    }
    const [gatewayPort, gatewayMetricsPort] = [await freePort(), await freePort()];
    processes.gateway = await startServiceProcess('gateway', { ...env, MONGODB_DATABASE: `${namespace}_gateway`, GATEWAY_METRICS_PORT: String(gatewayMetricsPort) }, gatewayPort);
    metricsUrls.gateway = `http://127.0.0.1:${gatewayMetricsPort}/metrics`;
    return { gatewayUrl: `http://127.0.0.1:${gatewayPort}`, processes, metricsUrls, engines, env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
