/**
 * Benchmark (issue #15): uploads of 100 KB and 5 MB files by 8 concurrent clients through the
 * gateway (`POST /v1/attachments`, multipart, streamed into object storage and registered with the
 * conversations service), beside raw S3 puts of the same files at the same concurrency measured in the
 * same run, with every service in its own process on real engines (SeaweedFS for the store).
 *   npm run bench:attachments                          # 30 s per size and path
 *   BENCH_SECONDS=5 BENCH_CLIENTS=4 npm run bench:attachments
 * Reports MB/s and uploads/s, p50 / p95 / p99 latency, errors, and the gateway's resident memory
 * (before, and its peak while each size runs): streamed, not buffered, it stays flat as files grow.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ObjectStorage } from '@omnibox/platform';
import { uniqueName } from '@omnibox/testing';
import { Agent, request } from 'undici';
import { call, intFromEnv, percentile, rssMiB } from '../support/bench';
import { startBenchPlatform } from '../support/platform-processes';

const KB = 1024;
const MB = 1024 * KB;
const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

interface PhaseReport {
  uploads: number;
  errors: number;
  seconds: number;
  megabytesPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** `clients` loops each running `task` back to back for `seconds`; times every call in ms. */
async function runFor(seconds: number, clients: number, bytes: number, task: () => Promise<boolean>): Promise<PhaseReport> {
  const latencies: number[] = [];
  let errors = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const t0 = process.hrtime.bigint();
        const ok = await task().catch(() => false);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = latencies.sort((a, b) => a - b);
  const stored = latencies.length - errors;
  return { uploads: latencies.length, errors, seconds: elapsed, megabytesPerSecond: (stored * bytes) / MB / elapsed, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/** A multipart/form-data body holding one `file` part. */
function multipartBody(file: Buffer, fileName: string): { body: Buffer; contentType: string } {
  const boundary = `----bench${uniqueName()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { body: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Peak resident memory of a process while `work` runs, sampled every 50 ms. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  let peakMiB = rssMiB(pid);
  const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, rssMiB(pid))), 50);
  try {
    return { result: await work(), peakMiB };
  } finally {
    clearInterval(sampler);
    peakMiB = Math.max(peakMiB, rssMiB(pid));
  }
}

const line = (label: string, r: PhaseReport, extra = '') =>
  `${label.padEnd(22)} ${r.megabytesPerSecond.toFixed(1).padStart(7)} MB/s ${(r.uploads / r.seconds).toFixed(1).padStart(7)}/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  n=${r.uploads} errors=${r.errors}${extra}`;

async function main() {
  const seconds = intFromEnv('BENCH_SECONDS', 30);
  const clients = intFromEnv('BENCH_CLIENTS', 8);
  const platform = await startBenchPlatform(['nats', 'redis', 'mongodb', 's3'], ['contacts', 'conversations', 'gateway']);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void platform.stop().finally(() => process.exit(130)));
  const env = platform.env;
  const raw = new ObjectStorage({ endpoint: env.S3_ENDPOINT, region: env.S3_REGION, bucket: `${env.S3_BUCKET}-raw`.slice(0, 63), accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY });
  try {
    const gw = platform.gatewayUrl;
    const workspace = await call('POST', `${gw}/v1/workspaces`, undefined, { name: 'Bench', owner: { firstName: 'Bea', email: `bea.${Date.now()}@example.com`, password: 'bench-password-1' } });
    const token = workspace.body.token as string;
    const gatewayPid = platform.processes.gateway!.pid;
    await raw.ensureBucket();
    console.log(`\nuploads by ${clients} concurrent clients, ${seconds} s per size and path; gateway RSS before: ${rssMiB(gatewayPid)} MiB\n`);

    for (const [label, size] of [['100 KB', 100 * KB], ['5 MB', 5 * MB]] as const) {
      const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
      const { body, contentType } = multipartBody(file, `bench-${label.replace(' ', '')}.pdf`);
      let n = 0;
      const rawReport = await runFor(seconds, clients, size, async () => {
        await raw.put(`bench/${label}/${n++}`, Readable.from([file]), { contentType: 'application/pdf' });
        return true;
      });
      const { result: gatewayReport, peakMiB } = await peakRss(gatewayPid, () =>
        runFor(seconds, clients, size, async () => {
          const res = await request(`${gw}/v1/attachments`, { method: 'POST', dispatcher: agent, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
          await res.body.text();
          return res.statusCode === 201;
        }),
      );
      console.log(`${label} files`);
      console.log(`  ${line('raw S3 put', rawReport)}`);
      console.log(`  ${line('through the gateway', gatewayReport, `  gateway peak RSS ${peakMiB} MiB`)}`);
      console.log(`  the gateway moves ${((100 * gatewayReport.megabytesPerSecond) / Math.max(rawReport.megabytesPerSecond, 0.001)).toFixed(0)}% of the raw S3 rate\n`);
    }
  } finally {
    await raw.close();
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
