'use strict';
// Self time of a .cpuprofile by module group and by function (the busiest first), idle left out:
//   node benchmarks/support/profile-summary.js /tmp/prof/123-contacts.cpuprofile [functions=30]
const fs = require('node:fs');

const [file, top = '30'] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary.js <file.cpuprofile> [functions]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
profile.samples.forEach((id, index) => self.set(id, (self.get(id) || 0) + (profile.timeDeltas[index] || 0)));

function groupOf(url, name) {
  if (!url) return name.startsWith('(') ? name : `native ${name}`;
  const dependency = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (dependency) return dependency[1];
  const own = url.match(/(services\/[^/]+|libs\/[^/]+)/);
  if (own) return own[1];
  return url.startsWith('node:') ? 'node core' : url;
}

const byGroup = new Map();
const byFunction = new Map();
let busy = 0;
for (const [id, micros] of self) {
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  if (functionName === '(idle)') continue;
  busy += micros;
  const group = groupOf(url, functionName);
  byGroup.set(group, (byGroup.get(group) || 0) + micros);
  const where = `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/.*\/(services|libs)\//, '$1/')}:${lineNumber + 1}`;
  byFunction.set(where, (byFunction.get(where) || 0) + micros);
}
const print = (totals, count) =>
  [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .forEach(([name, micros]) => console.log(`${(micros / 1e6).toFixed(2).padStart(8)} s ${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${name}`));
console.log(`${file}: busy ${(busy / 1e6).toFixed(1)} s`);
console.log('by module:');
print(byGroup, 20);
console.log('by function:');
print(byFunction, Number(top));
