'use strict';
// Builds one service into dist/services/<name>/: its code and the libs it imports, compiled by tsc,
// with `@omnibox/*` imports rewritten to relative paths and the .proto contracts copied beside them,
// so the folder runs with plain `node` and is what a container image copies.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const name = process.argv[2];
if (!name || !fs.existsSync(path.join(root, 'services', name))) {
  console.error(`usage: build-service.js <service>; services: ${fs.readdirSync(path.join(root, 'services')).join(', ')}`);
  process.exit(2);
}
const out = path.join(root, 'dist', 'services', name);
const tsconfig = path.join(root, 'services', name, 'tsconfig.app.json');
const bin = (tool) => path.join(root, 'node_modules', '.bin', tool);

// The contracts' TypeScript types are generated from the .proto files first (skipped when current).
execFileSync(process.execPath, [path.join(root, 'tools', 'proto', 'generate.js')], { stdio: 'inherit', cwd: root });
fs.rmSync(out, { recursive: true, force: true });
execFileSync(bin('tsc'), ['-p', tsconfig], { stdio: 'inherit', cwd: root });
execFileSync(bin('tsc-alias'), ['-p', tsconfig], { stdio: 'inherit', cwd: root });
fs.cpSync(path.join(root, 'libs', 'contracts', 'proto'), path.join(out, 'libs', 'contracts', 'proto'), { recursive: true });
fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify({ name: `@omnibox/${name}`, private: true, main: `services/${name}/src/main.js` }, null, 2));
console.log(`built ${name} -> ${path.relative(root, out)}`);
