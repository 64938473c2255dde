'use strict';
// How tools/engines/engines.js runs SeaweedFS as the `s3` engine: one `weed server` process with a
// master, a volume server, a filer and the S3 gateway, every listener on 127.0.0.1, data and the S3
// credentials in the engine's folder. README.md explains each flag.
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { freePort, portFree, reservePort } = require('../engines/free-port.js');

const WEED = path.resolve(__dirname, '..', '..', '.engines', 'bin', 'weed');
/** The ports besides the S3 API's: SeaweedFS's inner servers, each with a gRPC port of its own. */
const INNER_PORTS = ['master', 'masterGrpc', 'volume', 'volumeGrpc', 'filer', 'filerGrpc', 's3Grpc'];
/** The region SeaweedFS answers for; any name works, clients only need to sign with the same one. */
const REGION = 'us-east-1';
/** Where readiness writes its probe (tools/seaweedfs/README.md). */
const PROBE_BUCKET = 'omnibox-engine-readiness';

function isProvisioned() {
  return fs.existsSync(WEED);
}

/**
 * The inner ports, kept in the engine's folder: a restart (the tests kill and restart engines, and
 * `npm start` keeps its data) finds the master, volume and filer where its stored state says they are.
 * A port taken since then is replaced by a free one.
 */
async function innerPorts(dir) {
  const file = path.join(dir, 'ports.json');
  const saved = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const ports = {};
  const taken = new Set();
  for (const name of INNER_PORTS) {
    // A saved port is kept when it is free and not given to another of these servers (a ports.json
    // written before ports were kept distinct may name one twice).
    const keep = saved[name] && !taken.has(saved[name]) && (await portFree(saved[name]));
    ports[name] = keep ? saved[name] : await freePort();
    if (keep) reservePort(ports[name]);
    taken.add(ports[name]);
  }
  fs.writeFileSync(file, JSON.stringify(ports));
  return ports;
}

/** The S3 credentials of this engine: made once per data folder, readable only by us. */
function credentials(dir) {
  const file = path.join(dir, 's3-identities.json');
  if (!fs.existsSync(file)) {
    const identities = {
      identities: [
        {
          name: 'omnibox',
          credentials: [{ accessKey: `OMNIBOX${crypto.randomBytes(8).toString('hex').toUpperCase()}`, secretKey: crypto.randomBytes(30).toString('base64url') }],
          actions: ['Admin', 'Read', 'List', 'Tagging', 'Write'],
        },
      ],
    };
    fs.writeFileSync(file, JSON.stringify(identities, null, 2), { mode: 0o600 });
  }
  const [identity] = JSON.parse(fs.readFileSync(file, 'utf8')).identities;
  return { file, accessKeyId: identity.credentials[0].accessKey, secretAccessKey: identity.credentials[0].secretKey, region: REGION };
}

/** The command line of `weed server` for an S3 API on `port`, data under `dir`. */
async function command(port, dir) {
  if (!isProvisioned()) throw new Error('SeaweedFS is not built on this machine; run `bash tools/engines/provision.sh`');
  const ports = await innerPorts(dir);
  const { file } = credentials(dir);
  const data = path.join(dir, 'data');
  fs.mkdirSync(data, { recursive: true });
  return [
    WEED,
    [
      '-logtostderr=true',
      '-v=0',
      `-config_dir=${dir}`,
      'server',
      '-ip=127.0.0.1',
      '-ip.bind=127.0.0.1',
      `-dir=${data}`,
      `-master.port=${ports.master}`,
      `-master.port.grpc=${ports.masterGrpc}`,
      '-master.telemetry=false',
      '-master.telemetry.url=',
      '-master.volumeSizeLimitMB=64',
      '-master.volumePreallocate=false',
      `-volume.port=${ports.volume}`,
      `-volume.port.grpc=${ports.volumeGrpc}`,
      // As many 64 MB volumes as the disk has room for: a fixed count capped the store at a few GB,
      // which bench:attachments' 5 MB uploads filled (writes then failed).
      '-volume.max=0',
      '-volume.preStopSeconds=0',
      '-filer',
      `-filer.port=${ports.filer}`,
      `-filer.port.grpc=${ports.filerGrpc}`,
      `-filer.localSocket=${path.join(dir, 'filer.sock')}`,
      '-s3',
      `-s3.port=${port}`,
      `-s3.port.grpc=${ports.s3Grpc}`,
      '-s3.port.iceberg=0',
      '-s3.port.lance=0',
      `-s3.localSocket=${path.join(dir, 's3.sock')}`,
      `-s3.config=${file}`,
      '-s3.iam=false',
      '-metricsPort=0',
    ],
    {
      // Each bucket is a collection of its own; grow one volume for it, not seven (every test file has
      // a bucket). No hold before the first volume id: a fresh engine has no veteran volume servers.
      WEED_MASTER_VOLUME_GROWTH_COPY_1: '1',
      WEED_MASTER_VOLUME_GROWTH_ALLOCATION_DEFERRAL: '0s',
      // SeaweedFS makes AWS credentials found in its environment an admin identity: only ours count.
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
    },
  ];
}

/**
 * Ready once an object can be written: the S3 gateway answers early, but the first write waits until
 * the filer has joined the master and the master hands out volumes (seconds after a fresh start, and
 * about half a minute after a restart on kept data, while SeaweedFS waits for its volume servers to
 * report). The probe is a signed PUT of a few bytes into a bucket of its own, made on first use.
 */
async function ready(port, dir) {
  const { accessKeyId, secretAccessKey, region } = credentials(dir);
  const target = `/${PROBE_BUCKET}/ready`;
  const headers = signV4({ method: 'PUT', host: `127.0.0.1:${port}`, path: target, accessKeyId, secretAccessKey, region });
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: target, headers: { ...headers, 'content-length': 2 }, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end('ok');
  });
}

/** AWS Signature Version 4 headers for a request without a signed body (enough for the probe). */
function signV4({ method, host, path: target, accessKeyId, secretAccessKey, region }) {
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${region}/s3/aws4_request`;
  const signed = { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-date': amzDate };
  const names = Object.keys(signed).join(';');
  const canonical = [method, target, '', ...Object.entries(signed).map(([name, value]) => `${name}:${value}`), '', names, 'UNSIGNED-PAYLOAD'].join('\n');
  const hash = (text) => crypto.createHash('sha256').update(text).digest('hex');
  const hmac = (key, text) => crypto.createHmac('sha256', key).update(text).digest();
  const key = ['s3', 'aws4_request'].reduce(hmac, hmac(hmac(`AWS4${secretAccessKey}`, day), region));
  const signature = crypto.createHmac('sha256', key).update(['AWS4-HMAC-SHA256', amzDate, scope, hash(canonical)].join('\n')).digest('hex');
  return { ...signed, authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${names}, Signature=${signature}` };
}

/** The variables a service reads to reach this engine (WithObjectStorage in libs/platform). */
function env(engine) {
  const { accessKeyId, secretAccessKey, region } = credentials(engine.dir);
  return { S3_ENDPOINT: engine.url, S3_REGION: region, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey };
}

module.exports = { command, ready, env, isProvisioned, credentials };
