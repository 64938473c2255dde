'use strict';
// Generates the TypeScript types of the gRPC contracts (libs/contracts/proto/*.proto) into
// libs/contracts/src/generated/ (git-ignored), with the same loader options the services use at run
// time (libs/rpc PROTO_LOADER_OPTIONS), so a contract change is a compile error on both sides.
// Run by `npm test`, `npm run typecheck` and every build; skipped when the .proto files did not change.
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const protoDir = path.join(root, 'libs', 'contracts', 'proto');
const outDir = path.join(root, 'libs', 'contracts', 'src', 'generated');
const stampFile = path.join(outDir, '.stamp');

const files = fs.readdirSync(protoDir).filter((name) => name.endsWith('.proto')).sort();
const hash = createHash('sha256');
for (const name of files) hash.update(name).update(fs.readFileSync(path.join(protoDir, name)));
hash.update(fs.readFileSync(__filename));
const want = hash.digest('hex').slice(0, 16);
if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === want) process.exit(0);

// Written beside the target and swapped in, so a concurrent reader never sees half the types.
const tmp = fs.mkdtempSync(path.join(path.dirname(outDir), '.generated-'));
try {
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'proto-loader-gen-types'),
    ['--keepCase', '--longs=String', '--enums=String', '--defaults', '--oneofs', '--arrays', '--objects', '--grpcLib=@grpc/grpc-js', `--outDir=${tmp}`, ...files],
    { cwd: protoDir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  fs.writeFileSync(path.join(tmp, '.stamp'), want);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(tmp, outDir);
} catch (error) {
  fs.rmSync(tmp, { recursive: true, force: true });
  throw error;
}
console.log(`[proto] types of ${files.join(', ')} generated into ${path.relative(root, outDir)}`);
