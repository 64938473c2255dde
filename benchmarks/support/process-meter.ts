import { readdirSync, readFileSync } from 'node:fs';

/** One row of a process report: CPU used over the measured window and the highest resident memory. */
export interface ProcessUsage {
  name: string;
  /** CPU time over the window as a share of one core, in percent (200 % = both cores of a 2-core machine). */
  cpuPercent: number;
  /** Peak resident memory in MiB: VmHWM for one process; for a group of processes, the highest sum of their PSS. */
  peakRssMiB: number;
  processes: number;
}

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime of the process, plus cutime + cstime of the children it reaped, in seconds. */
  cpuSeconds: number;
}

const TICKS_PER_SECOND = 100;

function readStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields after it are space-separated.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[1] is ppid; utime, stime, cutime, cstime are fields[11..14].
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return { pid, ppid: Number(fields[1]), comm, cpuSeconds: ticks / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

function peakRssMiB(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function allStats(): ProcStat[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readStat(Number(entry)))
    .filter((stat): stat is ProcStat => stat !== null);
}

function pssMiB(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

type Rows = Map<string, { cpuSeconds: number; pids: number[] }>;

/**
 * The rows of one sample: each named process, and under it its descendants grouped by command name
 * (FerretDB's private PostgreSQL shows as `ferretdb › postgres`). Descendants are found through the
 * parent links, so another run's engines on the same shared machine are never counted; a descendant
 * that is itself named (the engines and services this process started) is its own row.
 */
function sample(roots: Record<string, number>): Rows {
  const stats = allStats();
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const byPid = new Map(stats.map((stat) => [stat.pid, stat]));
  const named = new Set(Object.values(roots));
  const rows: Rows = new Map();
  const add = (name: string, stat: ProcStat) => {
    const row = rows.get(name) ?? { cpuSeconds: 0, pids: [] };
    row.cpuSeconds += stat.cpuSeconds;
    row.pids.push(stat.pid);
    rows.set(name, row);
  };
  for (const [name, pid] of Object.entries(roots)) {
    const root = byPid.get(pid);
    if (!root) continue;
    add(name, root);
    const queue = (children.get(pid) ?? []).filter((child) => !named.has(child.pid));
    while (queue.length > 0) {
      const child = queue.shift()!;
      add(child.comm === root.comm ? name : `${name} › ${child.comm}`, child);
      queue.push(...(children.get(child.pid) ?? []).filter((grandchild) => !named.has(grandchild.pid)));
    }
  }
  return rows;
}

/**
 * CPU share (from /proc/<pid>/stat utime + stime deltas) and peak memory per process, services and
 * engines alike, between `start()` and `stop()`. The load generator (this process) is measured too,
 * so a reader sees it did not eat the CPU it measures. Peak memory is VmHWM for one process; for a
 * group (PostgreSQL's backends) the highest sum of PSS seen, sampled every `sampleMs`, since summing
 * each backend's RSS would count their shared buffers once per backend.
 */
export function processMeter(roots: Record<string, number | undefined>, selfName = 'load generator', sampleMs = 2000) {
  const named: Record<string, number> = {};
  for (const [name, pid] of Object.entries(roots)) if (pid) named[name] = pid;
  named[selfName] = process.pid;
  let first = sample(named);
  let startedAt = process.hrtime.bigint();
  const groupPeaks = new Map<string, number>();
  const sampleGroups = () => {
    for (const [name, row] of sample(named)) {
      if (row.pids.length < 2) continue;
      groupPeaks.set(name, Math.max(groupPeaks.get(name) ?? 0, row.pids.reduce((sum, pid) => sum + pssMiB(pid), 0)));
    }
  };
  let timer: NodeJS.Timeout | undefined;
  return {
    start(): void {
      first = sample(named);
      startedAt = process.hrtime.bigint();
      sampleGroups();
      timer = setInterval(sampleGroups, sampleMs);
      timer.unref();
    },
    /** Usage since `start()`, busiest first. */
    stop(): ProcessUsage[] {
      clearInterval(timer);
      sampleGroups();
      const last = sample(named);
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const rows = [...last].map(([name, row]): ProcessUsage => ({
        name,
        cpuPercent: (100 * (row.cpuSeconds - (first.get(name)?.cpuSeconds ?? 0))) / seconds,
        peakRssMiB: row.pids.length > 1 ? (groupPeaks.get(name) ?? 0) : peakRssMiB(row.pids[0]),
        processes: row.pids.length,
      }));
      return rows.sort((a, b) => b.cpuPercent - a.cpuPercent);
    },
  };
}
