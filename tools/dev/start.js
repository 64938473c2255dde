'use strict';
// `npm start`: starts the engines (data kept under .data/dev) and all six services from their build
// output, waits until each answers /health/ready, prints where the gateway is, and stops everything
// cleanly on Ctrl-C. Service logs (JSON) go to .data/dev/logs/<service>.log.
// With --external-engines it starts no engine and uses NATS_URL, REDIS_URL, MONGODB_URL,
// ELASTICSEARCH_URL and the S3_* variables from the environment (defaults: the local ports and
// development credentials docker-compose.yml uses).
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { startEngines, stopEngines, engineEnv, portInUse, provisionedEngines } = require('../engines/engines.js');

const ROOT = path.resolve(__dirname, '..', '..');
const DATA = path.join(ROOT, '.data', 'dev');
const LOGS = path.join(DATA, 'logs');

const BACKENDS = [
  { name: 'contacts', httpPort: 3102, grpcPort: 50052 },
  { name: 'conversations', httpPort: 3101, grpcPort: 50051 },
  { name: 'search', httpPort: 3103, grpcPort: 50053 },
  { name: 'calls', httpPort: 3104, grpcPort: 50054 },
  { name: 'notifications', httpPort: 3105, grpcPort: 50055 },
];
const GATEWAY_HOST = process.env.GATEWAY_HOST || '127.0.0.1';
const GATEWAY_PORT = Number(process.env.GATEWAY_PORT || 3000);
// The gateway's admin port for Prometheus (its public port never serves /metrics).
const GATEWAY_METRICS_PORT = Number(process.env.GATEWAY_METRICS_PORT || 9464);
// The SMTP listener of e-mail channels: mail sent to 127.0.0.1:2525 reaches a channel by its address.
const SMTP_INGRESS_PORT = Number(process.env.SMTP_INGRESS_PORT || 2525);

const say = (line) => process.stdout.write(`[omnibox] ${line}\n`);

/** Secrets made once per checkout, so tokens survive a restart of the dev platform. */
function devSecrets() {
  const file = path.join(DATA, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const secrets = { INTERNAL_SECRET: crypto.randomBytes(24).toString('hex'), JWT_SECRET: crypto.randomBytes(32).toString('hex') };
  fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/**
 * The notifications service's VAPID key pair (NTF-2): the given one (VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY),
 * else one made once per checkout and kept, since browsers' push subscriptions are bound to it.
 */
function devVapid() {
  const subject = process.env.VAPID_SUBJECT || 'mailto:admin@localhost';
  if (process.env.VAPID_PRIVATE_KEY) return { VAPID_PRIVATE_KEY: process.env.VAPID_PRIVATE_KEY, ...(process.env.VAPID_PUBLIC_KEY ? { VAPID_PUBLIC_KEY: process.env.VAPID_PUBLIC_KEY } : {}), VAPID_SUBJECT: subject };
  const file = path.join(DATA, 'vapid.json');
  if (!fs.existsSync(file)) {
    const keys = require('web-push').generateVAPIDKeys();
    fs.writeFileSync(file, JSON.stringify({ VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey }), { mode: 0o600 });
    say(`created a VAPID key pair for Web Push in ${path.relative(ROOT, file)}`);
  }
  return { ...JSON.parse(fs.readFileSync(file, 'utf8')), VAPID_SUBJECT: subject };
}

function getJson(port, pathname) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, timeout: 3000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.on('timeout', () => { req.destroy(); resolve({ status: 0, body: '' }); });
  });
}

async function waitLive(name, port, child, timeoutMs = 90000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see ${path.join(LOGS, name + '.log')}`);
    if ((await getJson(port, '/health/live')).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} not live after ${timeoutMs} ms`);
}

async function waitReady(name, port, child, timeoutMs = 90000) {
  const deadline = Date.now() + timeoutMs;
  let last = { status: 0, body: '' };
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see ${path.join(LOGS, name + '.log')}`);
    last = await getJson(port, '/health/ready');
    if (last.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} not ready after ${timeoutMs} ms (last answer ${last.status} ${last.body})`);
}

async function main() {
  const started = Date.now();
  fs.mkdirSync(LOGS, { recursive: true });
  if (await portInUse(GATEWAY_PORT)) {
    throw new Error(`port ${GATEWAY_PORT} is taken; stop what uses it or set GATEWAY_PORT`);
  }
  const external = process.argv.includes('--external-engines');
  let engines = {};
  let urls;
  if (external) {
    urls = {
      NATS_URL: process.env.NATS_URL || 'nats://127.0.0.1:4222',
      REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
      MONGODB_URL: process.env.MONGODB_URL || 'mongodb://127.0.0.1:27017/',
      ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL || 'http://127.0.0.1:9200',
      S3_ENDPOINT: process.env.S3_ENDPOINT || 'http://127.0.0.1:8333',
      S3_REGION: process.env.S3_REGION || 'us-east-1',
      S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY_ID || 'omnibox-dev',
      S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_ACCESS_KEY || 'omnibox-dev-secret-key',
    };
    say(`using external engines: ${[urls.NATS_URL, urls.REDIS_URL, urls.MONGODB_URL, urls.ELASTICSEARCH_URL, urls.S3_ENDPOINT].join(', ')}`);
  } else {
    const names = provisionedEngines();
    say(`starting engines (${names.join(', ')})…`);
    if (!names.includes('elasticsearch')) {
      say('  Elasticsearch is not provisioned here (tools/elasticsearch/README.md): search will report it down');
    }
    engines = await startEngines({
      names,
      dataDir: path.join(DATA, 'engines'),
      ports: { nats: 4222, redis: 6379, mongodb: 27017, elasticsearch: 9200, s3: 8333 },
      persistent: true,
      log: (line) => say(`  ${line}`),
    });
    urls = { ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL || 'http://127.0.0.1:9200', ...engineEnv(engines) };
  }
  const children = [];
  let stopping = false;

  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping services and engines…');
    await Promise.all(
      children.map(({ child }) => new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15000).unref();
      })),
    );
    await stopEngines(engines);
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  // One bucket for the services that keep files; each keeps its objects under keys of its own.
  // DEPLOYMENT_PROFILE=development: configured outbound URLs (push endpoints, stand-in providers) may be on loopback.
  const common = {
    ...process.env,
    ...urls,
    ...devSecrets(),
    ...devVapid(),
    DEPLOYMENT_PROFILE: process.env.DEPLOYMENT_PROFILE || 'development',
    S3_BUCKET: process.env.S3_BUCKET || 'omnibox-dev',
    LOG_LEVEL: process.env.LOG_LEVEL || 'info',
    NODE_ENV: 'development',
  };
  const spawnService = (name, env) => {
    const log = fs.openSync(path.join(LOGS, `${name}.log`), 'a');
    const main = path.join(ROOT, 'dist', 'services', name, 'services', name, 'src', 'main.js');
    if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, ['--enable-source-maps', main], { env: { ...common, ...env }, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    child.on('exit', (code, signal) => {
      if (!stopping) say(`${name} exited (${code ?? signal}); see ${path.join(LOGS, name + '.log')}`);
    });
    children.push({ name, child });
    return child;
  };

  try {
    const grpcUrls = {};
    await Promise.all(
      BACKENDS.map(async ({ name, httpPort, grpcPort }) => {
        const child = spawnService(name, { HTTP_PORT: String(httpPort), GRPC_PORT: String(grpcPort) });
        grpcUrls[`${name.toUpperCase()}_GRPC_URL`] = `127.0.0.1:${grpcPort}`;
        if (name === 'search' && !external && !engines.elasticsearch) {
          await waitLive(name, httpPort, child);
          say(`  ${name} running without Elasticsearch (health on http://127.0.0.1:${httpPort} answers 503 naming it)`);
          return;
        }
        await waitReady(name, httpPort, child);
        say(`  ${name} ready (health on http://127.0.0.1:${httpPort}, gRPC on 127.0.0.1:${grpcPort})`);
      }),
    );
    const gateway = spawnService('gateway', { GATEWAY_HOST, GATEWAY_PORT: String(GATEWAY_PORT), GATEWAY_METRICS_PORT: String(GATEWAY_METRICS_PORT), SMTP_INGRESS_PORT: String(SMTP_INGRESS_PORT), ...grpcUrls });
    await waitReady('gateway', GATEWAY_PORT, gateway);
  } catch (error) {
    say(`failed to start: ${error.message}`);
    await stopAll(1);
    return;
  }
  say(`platform up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(`gateway: http://${GATEWAY_HOST}:${GATEWAY_PORT}  (API docs: http://${GATEWAY_HOST}:${GATEWAY_PORT}/docs, metrics: http://${GATEWAY_HOST}:${GATEWAY_METRICS_PORT}/metrics)`);
  say(`e-mail channels: SMTP on ${GATEWAY_HOST}:${SMTP_INGRESS_PORT}`);
  say('press Ctrl-C to stop everything');
}

main().catch((error) => {
  say(`failed: ${error.stack || error.message}`);
  process.exit(1);
});
