import { ChildProcess, execFile, spawn } from 'node:child_process';
import { builtinModules } from 'node:module';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { isolatedEnv, sharedEngineUrls, uniqueName } from '@omnibox/testing';

// No base image can be pulled on this machine, so the images are not built here. Instead every
// Dockerfile is checked statically, and what the image copies (the Nx build output of each service)
// is started the way the image starts it: `node .` in a folder holding only that output and
// node_modules, as an unprivileged user that cannot write there, with the environment the chart gives.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../../tools/engines/engines.js');

const ROOT = resolve(__dirname, '..', '..', '..');
const SERVICES = ['gateway', 'conversations', 'contacts', 'search', 'calls', 'notifications'];
/**
 * The packages `npm ci --omit=dev` puts at the top of node_modules in the image: the production
 * dependencies and what they pull in (e.g. express, through @nestjs/platform-express).
 */
const PRODUCTION_PACKAGES = Object.entries(JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')).packages as Record<string, { dev?: boolean }>)
  .filter(([path, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !entry.dev)
  .map(([path]) => path.slice('node_modules/'.length));
/** What a Dockerfile may copy from the build context: the package manifests and the build output. */
const ALLOWED_CONTEXT_SOURCES = ['package.json', 'package-lock.json', '.npmrc', 'dist/services/${SERVICE}/'];

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Splits a Dockerfile into instructions (continuation lines joined, comments dropped) and stages. */
function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (pending && line.startsWith('#')) return;
    if (!pending) start = index + 1;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      return;
    }
    const full = (pending + line).trim();
    pending = '';
    const [keyword, ...rest] = full.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: start });
  });
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [from, as, name] = instruction.args.split(/\s+/).filter((word) => !word.startsWith('--platform'));
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}

/** Options (`--from=deps`, `--chown=…`) and operands of a COPY or ADD. */
function copyParts(args: string): { options: Record<string, string>; sources: string[]; destination: string } {
  const words = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
  const options: Record<string, string> = {};
  const operands: string[] = [];
  for (const word of words) {
    const option = /^--([a-z-]+)(?:=(.*))?$/.exec(word);
    if (option) options[option[1]] = option[2] ?? 'true';
    else operands.push(word);
  }
  return { options, sources: operands.slice(0, -1), destination: operands[operands.length - 1] };
}

function findDockerfiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/^Dockerfile/.test(entry) && !entry.endsWith('.dockerignore')) found.push(path);
    }
  };
  walk(join(ROOT, 'deploy'));
  if (existsSync(join(ROOT, 'Dockerfile'))) found.push(join(ROOT, 'Dockerfile'));
  return found.map((path) => relative(ROOT, path));
}

/** Whether Docker would send a path of the build context, by .dockerignore's rules (last match wins). */
function dockerignoreKeeps(patterns: string[], path: string): boolean {
  const toRegExp = (pattern: string) =>
    new RegExp(
      '^' +
        pattern
          .replace(/\/$/, '')
          .replace(/[.+^$()|[\]{}]/g, '\\$&')
          .replace(/\*\*/g, '\uE000')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')
          .replace(/\uE000/g, '.*') +
        '$',
    );
  const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  let kept = true;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = toRegExp(negated ? raw.slice(1) : raw);
    if (prefixes.some((prefix) => pattern.test(prefix))) kept = negated;
  }
  return kept;
}

const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE|CREDENTIAL|_URL$/i;
const CREDENTIALS_IN_URL = /[a-z]+:\/\/[^/\s:@]+:[^/\s@]+@/i;

const dockerfiles = findDockerfiles();

describe('the Dockerfiles', () => {
  it('exist: one parameterised Dockerfile serves every service', () => {
    expect(dockerfiles).toEqual(['deploy/docker/Dockerfile']);
  });

  describe.each(dockerfiles)('%s', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const stages = parseDockerfile(text);
    const final = stages[stages.length - 1];
    const stageNames = stages.map((stage) => stage.name).filter(Boolean);

    it('is multi-stage: dependencies are installed in a build stage and copied into the final one', () => {
      expect(stages.length).toBeGreaterThanOrEqual(2);
      const install = stages.slice(0, -1).flatMap((stage) => stage.instructions).find((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
      expect(install?.args).toMatch(/--omit=dev\b/);
      expect(final.instructions.some((i) => i.keyword === 'COPY' && stageNames.includes(copyParts(i.args).options.from))).toBe(true);
      // The final stage installs nothing: no package manager, no build tools.
      expect(final.instructions.filter((i) => i.keyword === 'RUN')).toEqual([]);
    });

    it('pins every base image to an exact version', () => {
      for (const stage of stages) {
        if (stageNames.includes(stage.from)) continue;
        expect(stage.from).toMatch(/^[a-z0-9./-]+:[0-9]+\.[0-9]+\.[0-9]+[A-Za-z0-9._-]*(@sha256:[a-f0-9]{64})?$/);
        expect(stage.from).not.toMatch(/:latest\b|\$/);
      }
    });

    it('runs as a non-root user given by number, so Kubernetes can verify runAsNonRoot', () => {
      const users = final.instructions.filter((i) => i.keyword === 'USER');
      expect(users.length).toBeGreaterThan(0);
      const user = users[users.length - 1].args;
      expect(user).toMatch(/^[0-9]+(:[0-9]+)?$/);
      expect(Number(user.split(':')[0])).toBeGreaterThan(0);
    });

    it('starts node directly (exec form), leaves health to Kubernetes probes', () => {
      const command = final.instructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
      expect(command.length).toBeGreaterThan(0);
      const argv = JSON.parse(command[command.length - 1].args) as string[];
      expect(argv[0]).toBe('node');
      expect(stages.flatMap((stage) => stage.instructions).filter((i) => i.keyword === 'HEALTHCHECK')).toEqual([]);
    });

    it('bakes in no secrets: no secret-looking ENV, ARG or LABEL, no credentials anywhere', () => {
      for (const instruction of stages.flatMap((stage) => stage.instructions)) {
        if (['ENV', 'ARG', 'LABEL'].includes(instruction.keyword)) {
          const names = instruction.args.match(/(?:^|\s)([A-Za-z_][A-Za-z0-9_.-]*)(?==|\s|$)/g)?.map((name) => name.trim()) ?? [];
          for (const name of names) expect(`${instruction.keyword} ${name}`).not.toMatch(SECRET_NAME);
        }
      }
      expect(text).not.toMatch(CREDENTIALS_IN_URL);
    });

    it('copies only the package manifests and the build output from the build context', () => {
      const fromContext = stages
        .flatMap((stage) => stage.instructions)
        .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !copyParts(i.args).options.from);
      expect(fromContext.filter((i) => i.keyword === 'ADD')).toEqual([]);
      const sources = fromContext.flatMap((i) => copyParts(i.args).sources);
      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources) expect(ALLOWED_CONTEXT_SOURCES).toContain(source);
      // The build output goes into the final image; the manifests only into the dependency stage.
      const finalSources = final.instructions.filter((i) => i.keyword === 'COPY' && !copyParts(i.args).options.from).flatMap((i) => copyParts(i.args).sources);
      expect(finalSources).toEqual(['dist/services/${SERVICE}/']);
    });
  });
});

describe('the Docker build context (.dockerignore)', () => {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('sends what the Dockerfiles copy', () => {
    for (const path of ['package.json', 'package-lock.json', '.npmrc', 'dist/services/gateway/package.json', 'dist/services/search/services/search/src/main.js']) {
      expect([path, dockerignoreKeeps(patterns, path)]).toEqual([path, true]);
    }
  });

  it('sends nothing else: no sources, local secrets, engine data or node_modules', () => {
    for (const path of ['.env', '.git/config', '.data/dev/secrets.json', '.engines/bin/ferretdb', 'node_modules/nx/package.json', 'services/gateway/src/main.ts', 'libs/platform/src/index.ts', 'deploy/helm/omnibox/values.yaml']) {
      expect([path, dockerignoreKeeps(patterns, path)]).toEqual([path, false]);
    }
  });
});

describe('tools/docker/build-images.sh', () => {
  it('builds one image per service from the Dockerfile, all with the same tag', async () => {
    const output = await new Promise<string>((done, fail) =>
      execFile('bash', [join(ROOT, 'tools', 'docker', 'build-images.sh'), '--dry-run', '--tag', '1.4.2', '--prefix', 'registry.example.com/inbox/'], { cwd: ROOT }, (error, stdout, stderr) =>
        error ? fail(new Error(stderr)) : done(stdout),
      ),
    );
    const builds = output.split('\n').filter((line) => line.startsWith('+ docker build'));
    expect(builds).toHaveLength(SERVICES.length);
    for (const service of SERVICES) {
      expect(builds).toContainEqual(expect.stringContaining(`-f deploy/docker/Dockerfile --build-arg SERVICE=${service} `));
      expect(builds).toContainEqual(expect.stringContaining(`-t registry.example.com/inbox/${service}:1.4.2 .`));
    }
    expect(output).toMatch(/^\+ npx nx run-many -t build/m);
  });

  it('refuses an unknown service', async () => {
    const code = await new Promise<number>((done) => execFile('bash', [join(ROOT, 'tools', 'docker', 'build-images.sh'), '--dry-run', 'billing'], { cwd: ROOT }, (error) => done(error ? Number(error.code) : 0)));
    expect(code).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------------
// The build output the images copy.

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

function get(url: string): Promise<number> {
  return fetch(url, { signal: AbortSignal.timeout(2000) })
    .then(async (res) => {
      await res.text();
      return res.status;
    })
    .catch(() => 0);
}

async function waitFor(what: string, check: () => Promise<boolean>, child: ChildProcess, output: () => string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what}: the process exited with ${child.exitCode}:\n${output()}`);
    if (await check()) return;
    await new Promise((done) => setTimeout(done, 150));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms:\n${output()}`);
}

describe('the build output each image copies', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'omnibox-image-'));
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    // Cached by Nx: instant when the sources have not changed since the last build. A fresh clone
    // compiles all six services (about 20 s each on a busy 2-core machine), hence the long limit.
    await new Promise<void>((done, fail) =>
      execFile(
        'npx',
        ['nx', 'run-many', '-t', 'build', `--projects=${SERVICES.join(',')}`, '--parallel=3'],
        { cwd: ROOT, env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' }, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => (error ? fail(new Error(`${stdout}\n${stderr}`)) : done()),
      ),
    );
    // What `COPY dist/services/${SERVICE}/ ./` puts in /app, copied now so a rebuild cannot change it
    // under the test; node_modules stands in for the production dependencies of the image.
    chmodSync(workDir, 0o755);
    for (const service of SERVICES) {
      const app = join(workDir, service);
      cpSync(join(ROOT, 'dist', 'services', service), app, { recursive: true });
      symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
    }
  }, 600_000);

  afterAll(async () => {
    await Promise.all(
      running.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(workDir, { recursive: true, force: true });
  });

  it.each(SERVICES)('%s: imports only production dependencies, and nothing outside its own folder', (service) => {
    const app = join(workDir, service);
    const allowed = new Set([...PRODUCTION_PACKAGES, ...builtinModules]);
    const problems: string[] = [];
    for (const file of listFiles(app).filter((path) => path.endsWith('.js') && !path.includes('/node_modules/'))) {
      const source = readFileSync(file, 'utf8');
      for (const [, target] of source.matchAll(/require\("([^"]+)"\)/g)) {
        if (target.startsWith('.')) {
          if (relative(app, resolve(dirname(file), target)).startsWith('..')) problems.push(`${relative(app, file)} requires ${target}, outside the image`);
          continue;
        }
        const name = target.replace(/^node:/, '').split('/').slice(0, target.startsWith('@') ? 2 : 1).join('/');
        if (!allowed.has(name)) problems.push(`${relative(app, file)} requires ${target}, not a production dependency`);
      }
    }
    expect(problems).toEqual([]);
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).main).toBe(`services/${service}/src/main.js`);
    expect(existsSync(join(app, 'libs', 'contracts', 'proto'))).toBe(true);
  });

  it('starts every service with `node .` as an unprivileged user; each answers /health/live, and exits promptly on SIGTERM', async () => {
    const base = isolatedEnv(uniqueName('img'));
    const elasticsearch = process.env.TEST_ELASTICSEARCH_URL ?? `http://127.0.0.1:${await freePort()}`;
    const started = await Promise.all(
      SERVICES.map(async (service) => {
        const [httpPort, grpcPort] = [await freePort(), await freePort()];
        // The variables the chart's ConfigMap and Secret give, bound to loopback here.
        const env: Record<string, string> = {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          NODE_ENV: 'production',
          LOG_LEVEL: base.LOG_LEVEL,
          INTERNAL_SECRET: base.INTERNAL_SECRET,
          EVENT_STREAM: base.EVENT_STREAM,
          EVENT_SUBJECT_PREFIX: base.EVENT_SUBJECT_PREFIX,
          NATS_URL: sharedEngineUrls.NATS_URL,
          ...(service === 'search' ? { ELASTICSEARCH_URL: elasticsearch } : { MONGODB_URL: sharedEngineUrls.MONGODB_URL, MONGODB_DATABASE: `${base.MONGODB_DATABASE_PREFIX}_${service}` }),
          ...(service === 'contacts' ? {} : { REDIS_URL: sharedEngineUrls.REDIS_URL }),
          ...(service === 'notifications' ? { VAPID_PRIVATE_KEY: 'nAr9hmrmQ5EKvr5L_3cvVczUk4RlG5FBn-Qh9ngJHOI', VAPID_SUBJECT: 'mailto:ops@example.com' } : {}),
          // The object store, for the services the chart gives it to (those that keep files).
          ...(['gateway', 'conversations', 'calls'].includes(service)
            ? { S3_ENDPOINT: sharedEngineUrls.S3_ENDPOINT, S3_REGION: sharedEngineUrls.S3_REGION, S3_BUCKET: base.S3_BUCKET, S3_ACCESS_KEY_ID: sharedEngineUrls.S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: sharedEngineUrls.S3_SECRET_ACCESS_KEY }
            : {}),
          ...(service === 'gateway'
            ? { GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(httpPort), JWT_SECRET: base.JWT_SECRET }
            : { HTTP_HOST: '127.0.0.1', HTTP_PORT: String(httpPort), GRPC_HOST: '127.0.0.1', GRPC_PORT: String(grpcPort) }),
        };
        // As root, run as the image's user (1000), who cannot write the root-owned code: the image's
        // read-only root filesystem. Otherwise the current user already is unprivileged.
        const user = process.getuid?.() === 0 ? { uid: 1000, gid: 1000 } : {};
        const child = spawn(process.execPath, ['--enable-source-maps', '.'], { cwd: join(workDir, service), env, stdio: ['ignore', 'pipe', 'pipe'], ...user });
        running.push(child);
        let output = '';
        child.stdout!.on('data', (chunk) => (output += chunk));
        child.stderr!.on('data', (chunk) => (output += chunk));
        const url = `http://127.0.0.1:${httpPort}`;
        await waitFor(`${service} /health/live`, async () => (await get(`${url}/health/live`)) === 200, child, () => output);
        return { service, child, url };
      }),
    );
    // Readiness follows the engines: every engine but an absent Elasticsearch answers here.
    for (const { service, child, url } of started) {
      const expected = service === 'search' && !process.env.TEST_ELASTICSEARCH_URL ? 503 : 200;
      await waitFor(`${service} /health/ready ${expected}`, async () => (await get(`${url}/health/ready`)) === expected, child, () => '');
    }
    // Kubernetes sends SIGTERM after the preStop sleep; the service must be gone well within the
    // chart's grace period (terminationGracePeriodSeconds minus the sleep).
    await Promise.all(
      started.map(async ({ service, child }) => {
        const stoppedAt = Date.now();
        const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const code = await Promise.race([exited, new Promise<'timeout'>((done) => (timer = setTimeout(() => done('timeout'), 20_000)))]);
        clearTimeout(timer);
        expect([service, code === 'timeout' ? 'still running after 20 s' : 'exited']).toEqual([service, 'exited']);
        expect(Date.now() - stoppedAt).toBeLessThan(20_000);
      }),
    );
  });
});
