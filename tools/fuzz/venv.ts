import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

const works = (python: string) => spawnSync(python, ['-c', 'import sys, venv; assert sys.version_info >= (3, 12)'], { stdio: 'ignore' }).status === 0;

/**
 * Python 3.12 or newer when the machine has one: 3.11's AST validator miscounts recursion when
 * Hypothesis describes strategies from several threads ("AST constructor recursion depth mismatch").
 * pyenv's shims run only the selected version, so its other versions are asked for by path.
 */
function python(): string {
  const direct = ['python3.13', 'python3.12'].find(works);
  if (direct) return direct;
  const pyenv = (args: string[]) => spawnSync('pyenv', args, { encoding: 'utf8' }).stdout ?? '';
  const versions = pyenv(['versions', '--bare']).split('\n').filter((version) => /^3\.(1[2-9])\.\d+$/.test(version.trim()));
  for (const version of versions.reverse()) {
    const candidate = join(pyenv(['prefix', version.trim()]).trim(), 'bin', 'python3');
    if (works(candidate)) return candidate;
  }
  return 'python3';
}

/** Schemathesis, pinned in requirements.txt, in a venv of the checkout's own (`.data/` is git-ignored). */
export function ensureSchemathesis(): string {
  const interpreter = python();
  const wanted = `${interpreter}\n${readFileSync(REQUIREMENTS, 'utf8')}`;
  const bin = join(VENV, 'bin');
  if (!existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== wanted) {
    console.log(`fuzz: installing ${REQUIREMENTS} into ${VENV} with ${interpreter}`);
    rmSync(VENV, { recursive: true, force: true });
    run(interpreter, ['-m', 'venv', VENV]);
    run(join(bin, 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS]);
    writeFileSync(STAMP, wanted);
  }
  return join(bin, 'schemathesis');
}
