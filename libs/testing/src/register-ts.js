'use strict';
// Lets a child process started by a test run the TypeScript sources directly
// (`node -r libs/testing/src/register-ts.js some.ts`), with the same SWC settings and `@omnibox/*`
// paths as Jest. Used by fault tests that kill a real process mid-operation.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const ROOT = path.resolve(__dirname, '..', '..', '..');

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
  const match = /^@omnibox\/([a-z-]+)$/.exec(request);
  if (match) request = path.join(ROOT, 'libs', match[1], 'src', 'index.ts');
  return originalResolve.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = function compile(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
  });
  module._compile(code, filename);
};
