import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Agent, request } from 'undici';

// Keep-alive connections, as a real client pool would use; enough of them for the concurrency.
const agent = new Agent({ connections: 128, keepAliveTimeout: 30_000 });

/** One JSON call; answers the status and the parsed body. */
export async function call(method: string, url: string, token: string | undefined, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await request(url, {
    method: method as 'GET',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? JSON.parse(text) : undefined };
}

export interface LatencyReport {
  count: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `task(i)` for i in [0, count) with `concurrency` in flight; times each call in ms. */
export async function measure(count: number, concurrency: number, task: (i: number) => Promise<boolean>): Promise<LatencyReport> {
  const latencies: number[] = new Array(count);
  let next = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        const ok = await task(i).catch(() => false);
        latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
        if (!ok) errors++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = latencies.sort((a, b) => a - b);
  return { count, errors, seconds, throughput: count / seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 };
}

export function formatReport(name: string, report: LatencyReport): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return `${name.padEnd(34)} n=${report.count} errors=${report.errors} ${report.throughput.toFixed(0)}/s  p50 ${ms(report.p50)}  p95 ${ms(report.p95)}  p99 ${ms(report.p99)}  max ${ms(report.max)}`;
}

/** Resident memory of a process in MiB, read from /proc (Linux). */
export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

export function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
function cpuSecondsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Pids of the running processes whose command name is `comm` (e.g. the PostgreSQL backends). */
function pidsNamed(comm: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm;
      } catch {
        return false;
      }
    });
}

/**
 * CPU used per named process between `start()` and `report()`, as a share of one core, so a reader
 * sees where the machine's time went. `postgres` sums every PostgreSQL process (FerretDB's backend).
 */
export function cpuMeter(processes: Record<string, number | undefined>) {
  const sample = () => {
    const usage: Record<string, number> = {};
    for (const [name, pid] of Object.entries(processes)) if (pid) usage[name] = cpuSecondsOf(pid);
    usage.postgres = pidsNamed('postgres').reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
    const own = process.cpuUsage();
    usage['load generator'] = (own.user + own.system) / 1e6;
    return usage;
  };
  let first = sample();
  let startedAt = Date.now();
  return {
    start() {
      first = sample();
      startedAt = Date.now();
    },
    report(): string {
      const last = sample();
      const seconds = (Date.now() - startedAt) / 1000;
      const shares = Object.keys(last).map((name) => [name, (100 * (last[name] - (first[name] ?? 0))) / seconds] as const);
      const total = shares.reduce((sum, [, share]) => sum + share, 0);
      return `${shares.map(([name, share]) => `${name} ${share.toFixed(0)}%`).join(', ')} (total ${total.toFixed(0)}% of ${cpus().length * 100}%)`;
    },
  };
}

/** A number (fractions and 0 allowed) from the environment, or the fallback when unset or not a number ≥ 0. */
export function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = Number(raw);
  return raw !== undefined && raw.trim() !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
}
