'use strict';
// The command line of the development/test Elasticsearch node assembled by tools/elasticsearch/build.sh.
// tools/engines/engines.js calls command(port, dataDir) and spawns the result; the node answers HTTP on
// 127.0.0.1:<port>, keeps its data, logs and temporary files under dataDir, stops cleanly on SIGTERM and starts
// again on the same dataDir after SIGKILL.
const fs = require('node:fs');
const path = require('node:path');

const HERE = __dirname;
const LIB = path.join(HERE, 'lib');

/** Heap of the node; OMNIBOX_ES_HEAP (e.g. "512m") overrides it. */
const HEAP = process.env.OMNIBOX_ES_HEAP || '1g';

function javaExecutable() {
  if (process.env.JAVA_HOME) {
    const candidate = path.join(process.env.JAVA_HOME, 'bin', 'java');
    if (fs.existsSync(candidate)) return candidate;
  }
  return 'java';
}

/**
 * @param {number} port HTTP port on 127.0.0.1
 * @param {string} dataDir folder of this node (created if missing)
 * @returns {[string, string[], Record<string, string>]} executable, arguments, extra environment
 */
/** True once tools/elasticsearch/build.sh has assembled the node on this machine. */
function isProvisioned() {
  return fs.existsSync(path.join(LIB, '.stamp'));
}

function command(port, dataDir) {
  if (!isProvisioned()) {
    throw new Error('Elasticsearch is not assembled; run tools/elasticsearch/build.sh (or tools/engines/provision.sh)');
  }
  const dir = path.resolve(dataDir);
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const jvm = [
    '-Xms256m',
    `-Xmx${HEAP}`,
    '-XX:+UseSerialGC',
    '-Xss1m',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+ExitOnOutOfMemoryError',
    `-Djava.io.tmpdir=${tmp}`,
    '-Dfile.encoding=UTF-8',
    '-Djava.awt.headless=true',
    '-Djna.nosys=true',
    '-Des.distribution.type=tar',
    '-Dlog4j.shutdownHookEnabled=false',
    '-Dlog4j2.disable.jmx=true',
    '-Dlog4j2.formatMsgNoLookups=true',
    '-Dio.netty.noUnsafe=true',
    '-Dio.netty.noKeySetOptimization=true',
    '-Dio.netty.recycler.maxCapacityPerThread=0',
    '-Dio.netty.allocator.numDirectArenas=0',
  ];
  const modules = ['-p', path.join(LIB, 'server'), '--add-modules=jdk.net', '--add-modules=ALL-MODULE-PATH'];
  const settings = {
    'cluster.name': 'omnibox-dev',
    'node.name': `omnibox-${port}`,
    'path.home': path.join(LIB, 'home'),
    'path.data': path.join(dir, 'data'),
    'path.logs': path.join(dir, 'logs'),
    'network.host': '127.0.0.1',
    'http.port': String(port),
    'transport.port': '0',
    'discovery.type': 'single-node',
    'action.destructive_requires_name': 'false',
    // A test machine's disk may be fuller than production thresholds allow; never make indices read-only for it.
    'cluster.routing.allocation.disk.threshold_enabled': 'false',
    // The serial collector leaves garbage counted as used heap; the real-memory breaker would trip on it.
    'indices.breaker.total.use_real_memory': 'false',
  };
  const args = [
    ...jvm,
    ...modules,
    '-cp',
    path.join(LIB, 'launcher'),
    'dev.omnibox.elasticsearch.Launcher',
    '--config',
    path.join(HERE, 'config'),
    ...Object.entries(settings).map(([key, value]) => `${key}=${value}`),
  ];
  return [javaExecutable(), args, {}];
}

module.exports = { command, isProvisioned };
