'use strict';
// Preload for the services a benchmark starts (BENCH_CPU_PROFILE=<dir>): Node refuses `--cpu-prof` in
// NODE_OPTIONS, so this records a CPU profile through the inspector and writes it as
// <dir>/<pid>-<service>.cpuprofile when the process is asked to stop (or exits). Summarise it with
// `node benchmarks/support/profile-summary.js <file>`.
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  fs.mkdirSync(dir, { recursive: true });
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // The in-process session answers synchronously, so this also works on `exit`.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      const service = path.basename(path.dirname(path.dirname(process.argv[process.argv.length - 1] || 'unknown')));
      fs.writeFileSync(path.join(dir, `${process.pid}-${service}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.prependListener('SIGTERM', write);
  process.on('exit', write);
}
