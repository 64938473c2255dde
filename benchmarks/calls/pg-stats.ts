import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * BENCH_PG_STATS=1: what FerretDB's private PostgreSQL spends its time on while the stream runs.
 * `pg_stat_statements` needs `shared_preload_libraries`, which the engine wrapper does not set, so the
 * statements are sampled instead: every 20 ms, the client backends that are running a statement (a
 * statement's share of the samples is its share of PostgreSQL's busy time). Beside them, what the
 * tables saw meanwhile (sequential scans and rows they read, index scans, writes, autovacuum runs).
 */
export interface PgStats {
  stop(): Promise<string[]>;
}

const TABLES = `select schemaname || '.' || relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), n_tup_ins, n_tup_upd, n_tup_hot_upd, n_dead_tup, n_live_tup, autovacuum_count + vacuum_count, autoanalyze_count + analyze_count from pg_stat_user_tables`;
const ACTIVE = `select 'A|' || regexp_replace(left(query, 150), E'[\\n ]+', ' ', 'g') from pg_stat_activity where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'`;
const AUTOVACUUM = `select 'V|' || regexp_replace(left(query, 150), E'[\\n ]+', ' ', 'g') from pg_stat_activity where backend_type = 'autovacuum worker'`;

/** The port of the PostgreSQL under FerretDB (its postmaster.pid's fourth line). */
function postgresPort(ferretDir: string): string {
  return readFileSync(join(ferretDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3].trim();
}

function psql(port: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-At', '-h', '127.0.0.1', '-p', port, '-U', 'ferretdb', 'postgres'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('close', () => resolve(out));
    child.stdin.end(input);
  });
}

type TableRow = number[];

async function tables(port: string): Promise<Map<string, TableRow>> {
  const rows = (await psql(port, `${TABLES};\n`)).split('\n').filter(Boolean);
  return new Map(rows.map((line) => line.split('|')).map(([name, ...values]) => [name, values.map(Number)]));
}

/** Starts sampling; `stop` answers the report's lines. */
export async function startPgStats(ferretDir: string, seconds: number): Promise<PgStats> {
  const port = postgresPort(ferretDir);
  const before = await tables(port);
  // Statements over 20 ms are logged with their parameters (the field FerretDB filters on is one).
  await psql(port, `alter system set log_min_duration_statement = 20;\nselect pg_reload_conf();\n`);
  const logFile = `${ferretDir}.log`;
  const logStart = statSync(logFile).size;
  const samples = Math.ceil((seconds * 1000) / 20) + 1000;
  const script = Array.from({ length: samples }, () => `${ACTIVE};\n${AUTOVACUUM};\nselect 'S';\nselect pg_sleep(0.02);\n`).join('');
  const counts = new Map<string, number>();
  let ticks = 0;
  const child = spawn('psql', ['-At', '-h', '127.0.0.1', '-p', port, '-U', 'ferretdb', 'postgres'], { stdio: ['pipe', 'pipe', 'ignore'] });
  let rest = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'S') ticks++;
      else if (line.startsWith('A|') || line.startsWith('V|')) counts.set(line, (counts.get(line) ?? 0) + 1);
    }
  });
  child.stdin.on('error', () => undefined);
  child.stdin.write(script);
  return {
    async stop() {
      child.kill('SIGTERM');
      const after = await tables(port);
      await psql(port, `alter system reset log_min_duration_statement;\nselect pg_reload_conf();\n`);
      const lines = [`PostgreSQL statements by share of ${ticks} samples (20 ms apart; 100 % = one backend always busy):`];
      for (const [query, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${((n / Math.max(ticks, 1)) * 100).toFixed(1).padStart(6)} %  ${query.startsWith('V|') ? '[autovacuum] ' : ''}${query.slice(2)}`);
      lines.push('PostgreSQL tables meanwhile (seq scans, rows they read, index scans, inserts, updates (HOT), dead rows, live rows, vacuums, analyzes):');
      const deltas = [...after].map(([name, row]) => [name, row.map((value, i) => (i === 6 || i === 7 ? value : value - (before.get(name)?.[i] ?? 0)))] as const);
      for (const [name, d] of deltas.filter(([, d]) => d[0] + d[2] + d[3] + d[4] > 0).sort((a, b) => b[1][1] - a[1][1] || b[1][2] - a[1][2]).slice(0, 15)) {
        lines.push(`  ${name.padEnd(56)} seq ${d[0]} (${d[1]} rows)  idx ${d[2]}  ins ${d[3]}  upd ${d[4]} (${d[5]})  dead ${d[6]}  live ${d[7]}  vacuum ${d[8]}  analyze ${d[9]}`);
      }
      lines.push(...slowStatements(readFileSync(logFile, 'utf8').slice(logStart)));
      return lines;
    },
  };
}

const DURATION = /duration: ([\d.]+) ms\s+(?:execute [^:]*|statement): (.*)$/;
const PARAMETERS = /DETAIL:\s+parameters: (.*)$/i;
const OWN = /^select (pg_sleep|'[AVS])/;

/** Statements PostgreSQL logged as slow, grouped by text and first two parameters (a FerretDB filter's field and value). */
function slowStatements(log: string): string[] {
  const groups = new Map<string, { n: number; ms: number }>();
  const lines = log.split('\n');
  lines.forEach((line, i) => {
    const match = DURATION.exec(line);
    if (!match || OWN.test(match[2])) return;
    const params = PARAMETERS.exec(lines[i + 1] ?? '')?.[1] ?? '';
    const key = `${match[2].slice(0, 110)} [${params.split(/, \$3 = /)[0].slice(0, 70)}]`;
    const group = groups.get(key) ?? { n: 0, ms: 0 };
    group.n++;
    group.ms += Number(match[1]);
    groups.set(key, group);
  });
  const top = [...groups].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10);
  return ['PostgreSQL statements over 20 ms, by total time:', ...top.map(([key, { n, ms }]) => `  ${ms.toFixed(0).padStart(7)} ms  × ${String(n).padEnd(5)} ${key}`)];
}
