import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ceiling } from '../support/engine-ceilings';
import type { ProcessUsage } from '../support/process-meter';
import type { StageFigures } from './ledger';

/** Issue #19's targets for `bench:platform` on the 2-core reference machine. */
export const TARGETS = { inboundPerSecond: 200, timelineP99: 1000, socketP99: 1000, searchableP99: 3000, notifiedP99: 2000, listP95: 100 };

/** The engine operation a figure leans on, and how many of them one unit of the figure costs. */
export interface Lean {
  ceiling: string;
  perUnit: number;
}

/** One line of the table: a stage of every message, or a request the agents make. */
export interface Row {
  name: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  lost: number | null;
  doubled: number | null;
  /** The target's words, and whether it is met (null: nothing to meet). */
  target: string;
  met: boolean | null;
  /** Units per second the engine shares are computed from (messages, requests). */
  perSecond: number;
  leans: Lean[];
  /** The figure as a share of each ceiling it leans on, in words (filled by `withShares`). */
  engineShare?: string;
  note?: string;
}

export interface PlatformReport {
  startedAt: string;
  settings: Record<string, number | string>;
  ceilings: Record<string, Ceiling>;
  rows: Row[];
  targets: Array<{ target: string; figure: string; met: boolean }>;
  processes: ProcessUsage[];
  notes: string[];
}

/** A stage's row: its latency target (if any) and zero lost, zero doubled. */
export function stageRow(figures: StageFigures, perSecond: number, leans: Lean[], p99Target?: number): Row {
  const clean = figures.lost === 0 && figures.doubled === 0;
  const latencyMet = p99Target === undefined || (figures.reached > 0 && figures.p99 < p99Target);
  const note = [figures.unobserved ? `${figures.unobserved} seen only after the run` : '', figures.note ?? ''].filter(Boolean).join('; ');
  return {
    name: figures.name,
    n: figures.reached,
    p50: figures.p50,
    p95: figures.p95,
    p99: figures.p99,
    max: figures.max,
    lost: figures.lost,
    doubled: figures.doubled,
    target: `${p99Target === undefined ? '' : `p99 < ${p99Target / 1000} s, `}0 lost, 0 doubled`,
    met: latencyMet && clean,
    perSecond,
    leans,
    ...(note ? { note } : {}),
  };
}

/** Each row with its engine share in words, for the table and the JSON alike. */
export function withShares(rows: Row[], ceilings: Record<string, Ceiling>): Row[] {
  return rows.map((row) => ({ ...row, engineShare: share(row, ceilings) }));
}

function share(row: Pick<Row, 'perSecond' | 'leans'>, ceilings: Record<string, Ceiling>): string {
  return row.leans
    .map((lean) => {
      const ceiling = ceilings[lean.ceiling];
      if (!ceiling) return '';
      const ops = row.perSecond * lean.perUnit;
      return `${((100 * ops) / ceiling.perSecond).toFixed(0)}% of ${lean.ceiling} ${ceiling.perSecond.toFixed(0)}/s${lean.perUnit === 1 ? '' : ` (×${lean.perUnit})`}`;
    })
    .filter(Boolean)
    .join('; ');
}

const ms = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`);
const cell = (value: string, width: number) => (value.length >= width ? value : value.padEnd(width));
const right = (value: string, width: number) => value.padStart(width);

export function printReport(report: PlatformReport): void {
  const head = `${cell('', 34)}${right('n', 8)}${right('p50', 9)}${right('p95', 9)}${right('p99', 9)}${right('max', 9)}${right('lost', 7)}${right('doubled', 9)}  ${cell('target', 34)}${cell('result', 7)} engine share`;
  console.log('');
  console.log(head);
  console.log('-'.repeat(head.length + 30));
  for (const row of report.rows) {
    const result = row.met === null ? '' : row.met ? 'PASS' : 'MISS';
    const count = (value: number | null) => (value === null ? '—' : String(value));
    console.log(
      `${cell(row.name, 34)}${right(String(row.n), 8)}${right(ms(row.p50), 9)}${right(ms(row.p95), 9)}${right(ms(row.p99), 9)}${right(ms(row.max), 9)}${right(count(row.lost), 7)}${right(count(row.doubled), 9)}  ${cell(row.target, 34)}${cell(result, 7)} ${row.engineShare ?? ''}`,
    );
    if (row.note) console.log(`${''.padEnd(36)}${row.note}`);
  }
  console.log('');
  for (const target of report.targets) console.log(`${target.met ? 'PASS' : 'MISS'}  ${cell(target.target, 52)} ${target.figure}`);
  console.log('');
  console.log(`${cell('process', 34)}${right('CPU', 8)}${right('peak mem', 11)}   (one process: peak RSS, VmHWM; a group: highest summed PSS)`);
  for (const usage of report.processes) {
    console.log(`${cell(`${usage.name}${usage.processes > 1 ? ` (${usage.processes})` : ''}`, 34)}${right(`${usage.cpuPercent.toFixed(0)}%`, 8)}${right(`${usage.peakRssMiB.toFixed(0)} MiB`, 11)}`);
  }
  const total = report.processes.reduce((sum, usage) => sum + usage.cpuPercent, 0);
  console.log(`${cell('total', 34)}${right(`${total.toFixed(0)}%`, 8)}   (CPU as a share of one core; 100% per core)`);
  for (const note of report.notes) console.log(`note: ${note}`);
}

/** Writes the report as JSON under benchmarks/results/ (git-ignored); answers the file's path. */
export function writeReport(report: PlatformReport): string {
  const folder = join(__dirname, '..', 'results');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `platform-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
