import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const VENV = join(ROOT, '.data', 'fuzz-venv');
const REQUIREMENTS = join(__dirname, 'requirements.txt');
/** What the venv was installed from: reinstalled when requirements.txt changes. */
const STAMP = join(VENV, 'requirements.installed');

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

/** The newest Python 3 on the PATH (3.11's parser has a recursion-depth fault Hypothesis can trip). */
function python(): string {
  const candidates = ['python3.13', 'python3.12', 'python3'];
  return candidates.find((candidate) => spawnSync(candidate, ['-c', 'import venv'], { stdio: 'ignore' }).status === 0) ?? 'python3';
}

/** Schemathesis, pinned in requirements.txt, in a venv of the checkout's own (`.data/` is git-ignored). */
export function ensureSchemathesis(): string {
  const wanted = readFileSync(REQUIREMENTS, 'utf8');
  const bin = join(VENV, 'bin');
  if (!existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== wanted) {
    console.log(`fuzz: installing ${REQUIREMENTS} into ${VENV}`);
    if (!existsSync(join(bin, 'python'))) run(python(), ['-m', 'venv', VENV]);
    run(join(bin, 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS]);
    writeFileSync(STAMP, wanted);
  }
  return join(bin, 'schemathesis');
}
