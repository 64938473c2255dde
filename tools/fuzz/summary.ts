import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Operations whose 2xx no plain HTTP client can reach. */
export const UNREACHABLE: Record<string, string> = {
  'GET /v1/realtime': '101 needs a WebSocket client; plain HTTP gets the documented 426',
  // The fuzzed platform has no provider-connected channel; tests/channels covers both with real payloads.
  'GET /v1/channels/{channelId}/webhook': 'needs a WhatsApp channel and its verify token',
  'POST /v1/channels/{channelId}/webhook': 'needs a body signed with a WhatsApp app secret or a Telegram secret token',
};

/** Requests with methods the document does not name (answered 405), counted together. */
const OTHER = 'other methods (405 expected)';

export interface OperationTally {
  operation: string;
  cases: number;
  byClass: Record<'2xx' | '3xx' | '4xx' | '5xx', number>;
}

/** Answers per operation from the hooks' log (one `{operation, status}` line per request). */
export function tallyOf(logFile: string, documented: string[]): OperationTally[] {
  const tallies = new Map<string, OperationTally>(documented.map((operation) => [operation, { operation, cases: 0, byClass: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 } }]));
  const other: OperationTally = { operation: OTHER, cases: 0, byClass: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 } };
  for (const line of readFileSync(logFile, 'utf8').split('\n').filter(Boolean)) {
    const { operation, status } = JSON.parse(line) as { operation: string; status: number };
    const tally = tallies.get(operation) ?? other;
    tally.cases += 1;
    tally.byClass[`${Math.min(5, Math.floor(status / 100))}xx` as keyof OperationTally['byClass']] += 1;
  }
  return [...[...tallies.values()].sort((a, b) => a.operation.localeCompare(b.operation)), other];
}

/** Prints one line per operation; answers the operations that never reached a 2xx (unreachable ones aside). */
export function printSummary(tallies: OperationTally[]): string[] {
  const width = Math.max(...tallies.map((tally) => tally.operation.length));
  console.log(`\n${'operation'.padEnd(width)}  cases    2xx    3xx    4xx    5xx`);
  const missing: string[] = [];
  for (const { operation, cases, byClass } of tallies) {
    const note = byClass['2xx'] + byClass['3xx'] > 0 || operation === OTHER ? '' : UNREACHABLE[operation] ? `  (${UNREACHABLE[operation]})` : '  <- no 2xx';
    if (note.includes('no 2xx')) missing.push(operation);
    console.log(`${operation.padEnd(width)}  ${[cases, byClass['2xx'], byClass['3xx'], byClass['4xx'], byClass['5xx']].map((n) => String(n).padStart(5)).join('  ')}${note}`);
  }
  const total = tallies.reduce((sum, tally) => sum + tally.cases, 0);
  const errors = tallies.reduce((sum, tally) => sum + tally.byClass['5xx'], 0);
  const documented = tallies.filter((tally) => tally.operation !== OTHER);
  const reached = documented.filter((tally) => tally.byClass['2xx'] + tally.byClass['3xx'] > 0).length;
  console.log(`\n${documented.length} operations, ${total} requests, 2xx reached on ${reached} of ${documented.filter((tally) => !UNREACHABLE[tally.operation]).length} reachable operations, ${errors} answers 5xx`);
  return missing;
}

/**
 * The run's verdict per operation from Schemathesis's JUnit report (the newest `junit-<time>.xml` in
 * `reportDir`): operations that passed every check, and those that did not.
 */
export function verdictOf(reportDir: string): { passed: number; failed: number } | null {
  const newest = existsSync(reportDir) ? readdirSync(reportDir).filter((name) => /^junit.*\.xml$/.test(name)).sort().pop() : undefined;
  if (!newest) return null;
  const suite = /<testsuite\b[^>]*>/.exec(readFileSync(join(reportDir, newest), 'utf8'))?.[0] ?? '';
  const count = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
  const failed = count('failures') + count('errors');
  return { passed: count('tests') - failed - count('skipped'), failed };
}

/** Prints where the owner's session stopped working and the directory writes of the 40 answers before it. */
export function reportLostSession(logFile: string, ownerId: string): void {
  const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  const first = lines.findIndex((line) => {
    const entry = JSON.parse(line) as { status: number; error?: string };
    return entry.status === 401 && /bearer token is invalid/.test(entry.error ?? '');
  });
  console.log(`fuzz: FAILED: the owner's session (user ${ownerId}) is refused now; first refused at answer ${first + 1} of ${lines.length}`);
  for (const line of lines.slice(Math.max(0, first - 40), first + 1)) if (/"id":|bearer token/.test(line)) console.log(`  ${line}`);
}
