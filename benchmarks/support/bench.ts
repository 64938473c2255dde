import { readFileSync } from 'node:fs';
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
