'use strict';
// Starts the platform's engines as child processes on loopback: NATS with JetStream, Redis, FerretDB
// (MongoDB wire protocol), Elasticsearch and SeaweedFS (object storage over the S3 API). Used by `npm start` (fixed ports, data kept under .data/)
// and by the test suite (free ports, data in a temporary folder removed afterwards).
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const http = require('node:http');

const ROOT = path.resolve(__dirname, '..', '..');
const ENGINES_DIR = path.join(ROOT, '.engines');
const ES_COMMAND = path.join(ROOT, 'tools', 'elasticsearch', 'command.js');
const seaweedfs = require('../seaweedfs/engine.js');
const { freePort, reservePort } = require('./free-port.js');

/**
 * The engines this checkout can run. Elasticsearch is the node tools/elasticsearch/build.sh assembles
 * from Maven Central; until that has run it is left out, and the search service reports it down.
 */
function provisionedEngines() {
  return Object.keys(SPECS).filter((name) => name !== 'elasticsearch' || (fs.existsSync(ES_COMMAND) && require(ES_COMMAND).isProvisioned()));
}

/** True when something already listens on the port. */
function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

function tcpAnswers(port) {
  return portInUse(port);
}

function httpAnswers(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

/** What each engine needs to run: its command line and how to tell it is ready. */
const SPECS = {
  nats: {
    url: (port) => `nats://127.0.0.1:${port}`,
    command: (port, dir) => [path.join(ENGINES_DIR, 'bin', 'nats-server'), ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', path.join(dir, 'jetstream'), '-n', `omnibox-${port}`]],
    ready: tcpAnswers,
    startTimeoutMs: 15000,
  },
  redis: {
    url: (port) => `redis://127.0.0.1:${port}`,
    command: (port, dir, persistent) => [
      'redis-server',
      ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', persistent ? 'yes' : 'no', '--protected-mode', 'yes', '--daemonize', 'no', '--loglevel', 'warning'],
    ],
    ready: tcpAnswers,
    startTimeoutMs: 15000,
  },
  mongodb: {
    url: (port) => `mongodb://127.0.0.1:${port}/`,
    command: (port, dir) => [
      path.join(ENGINES_DIR, 'bin', 'ferretdb'),
      // Over a private PostgreSQL (see tools/ferretdb/postgres.go): its writes stay fast as collections grow.
      [
        '-listen-addr', `127.0.0.1:${port}`, '-handler', 'postgresql', '-postgres-data', path.join(dir, 'postgres'), '-log-level', 'error',
        // FERRETDB_DEBUG_ADDR=127.0.0.1:6060: Go's profiler on that address (one engine at a time; benchmarks).
        ...(process.env.FERRETDB_DEBUG_ADDR ? ['-debug-addr', process.env.FERRETDB_DEBUG_ADDR] : []),
      ],
      // Its live heap is small, so Go's default (GOGC=100) collects very often: 400 took about 7 % off
      // FerretDB's and PostgreSQL's CPU per update (tools/ferretdb/README.md). A GOGC already set wins.
      { GOGC: process.env.GOGC ?? '400' },
    ],
    ready: tcpAnswers,
    startTimeoutMs: 45000,
  },
  elasticsearch: {
    url: (port) => `http://127.0.0.1:${port}`,
    command: (port, dir) => {
      if (!fs.existsSync(ES_COMMAND)) throw new Error('Elasticsearch is not provisioned on this machine; see tools/elasticsearch/README.md');
      return require(ES_COMMAND).command(port, dir);
    },
    ready: httpAnswers,
    startTimeoutMs: 180000,
  },
  // SeaweedFS (tools/seaweedfs): its S3 API on `port`; its inner servers take ports of their own.
  s3: {
    url: (port) => `http://127.0.0.1:${port}`,
    command: seaweedfs.command,
    ready: seaweedfs.ready,
    // A restart on kept data takes about 30 s: SeaweedFS holds writes while its servers re-register.
    startTimeoutMs: 90000,
    // Its filer can hang on SIGTERM once the volume server has stopped (tools/seaweedfs/README.md).
    stopGraceMs: 3000,
  },
};

class Engine {
  constructor(name, port, dir, { persistent = false, logDir } = {}) {
    this.name = name;
    this.port = port;
    this.dir = dir;
    this.persistent = persistent;
    this.logDir = logDir || dir;
    this.spec = SPECS[name];
    this.url = this.spec.url(port);
    this.child = undefined;
  }

  /**
   * Starts the engine and resolves once it accepts connections. A port found free a moment before can
   * be taken by the time the engine binds it (free ports come from the range outgoing connections use
   * too; it happened to SeaweedFS's volume server in CI): such a start is tried again, and the engines
   * that choose inner ports of their own choose again for the ones now taken.
   */
  async start() {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnce();
      } catch (error) {
        if (attempt >= 3 || !error.portTaken) throw error;
      }
    }
  }

  async startOnce() {
    fs.mkdirSync(this.dir, { recursive: true });
    const [cmd, args, env] = await this.spec.command(this.port, this.dir, this.persistent);
    const logFile = path.join(this.logDir, `${this.name}.log`);
    const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const log = fs.openSync(logFile, 'a');
    this.child = spawn(cmd, args, { stdio: ['ignore', log, log], env: { ...process.env, ...(env || {}) } });
    fs.closeSync(log);
    const child = this.child;
    let exited = null;
    child.once('exit', (code, signal) => { exited = { code, signal }; });
    child.once('error', (error) => { exited = { error }; });
    const deadline = Date.now() + this.spec.startTimeoutMs;
    while (Date.now() < deadline) {
      if (exited) {
        const error = new Error(`${this.name} exited while starting (${JSON.stringify(exited)}); see ${logFile}`);
        error.portTaken = /address already in use/i.test(logSince(logFile, logStart));
        throw error;
      }
      if (await this.spec.ready(this.port, this.dir)) return this;
      await sleep(150);
    }
    this.child.kill('SIGKILL');
    throw new Error(`${this.name} did not become ready on port ${this.port} within ${this.spec.startTimeoutMs} ms`);
  }

  /** Stops the engine (SIGTERM, then SIGKILL after `graceMs`). */
  async stop(graceMs = this.spec.stopGraceMs ?? 10000) {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** Kills the engine at once, as a crash would. */
  async kill() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  get pid() {
    return this.child && this.child.pid;
  }
}

/** What a log file got from `offset` on (at most its last 64 KiB). */
function logSince(file, offset) {
  try {
    const size = fs.statSync(file).size;
    const start = Math.max(offset, size - 65536);
    const buffer = Buffer.alloc(Math.max(0, size - start));
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, buffer, 0, buffer.length, start);
    } finally {
      fs.closeSync(fd);
    }
    return buffer.toString('utf8');
  } catch {
    return '';
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts the named engines. `ports` maps a name to a preferred port (taken when free, else a free one
 * is found); `dataDir` holds one folder per engine.
 */
async function startEngines({ names = provisionedEngines(), dataDir, ports = {}, persistent = false, log = () => {} }) {
  const engines = {};
  // NATS, Redis and FerretDB start in a second; Elasticsearch takes longer, so it starts alongside.
  // Each engine is known before it starts, and a failure waits for the others to finish starting:
  // otherwise an engine still starting when another failed would be left running, unowned.
  const results = await Promise.allSettled(
    names.map(async (name) => {
      let port = ports[name];
      if (!port || (await portInUse(port))) port = await freePort();
      else reservePort(port);
      const engine = new Engine(name, port, path.join(dataDir, name), { persistent, logDir: dataDir });
      engines[name] = engine;
      const started = Date.now();
      await engine.start();
      log(`${name} ready on ${engine.url} (${Date.now() - started} ms)`);
    }),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    await stopEngines(engines);
    throw failure.reason;
  }
  return engines;
}

async function stopEngines(engines) {
  await Promise.all(Object.values(engines).map((engine) => engine.stop()));
}

/** The environment variables services read to reach the engines. */
function engineEnv(engines) {
  const env = {};
  if (engines.nats) env.NATS_URL = engines.nats.url;
  if (engines.redis) env.REDIS_URL = engines.redis.url;
  if (engines.mongodb) env.MONGODB_URL = engines.mongodb.url;
  if (engines.elasticsearch) env.ELASTICSEARCH_URL = engines.elasticsearch.url;
  if (engines.s3) Object.assign(env, seaweedfs.env(engines.s3));
  return env;
}

module.exports = { Engine, startEngines, stopEngines, engineEnv, freePort, portInUse, provisionedEngines, SPECS, ROOT };
