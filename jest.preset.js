'use strict';
// The Jest settings every project shares. Each project's jest.config.js spreads `jestProject(__dirname)`;
// the root jest.config.js runs them all in one Jest run with one set of throw-away engines (the global
// setup starts them once per run, whichever project asks first).
const path = require('node:path');

const ROOT = __dirname;
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } }];

function jestProject(projectDir, overrides = {}) {
  return {
    displayName: path.relative(ROOT, projectDir),
    rootDir: projectDir,
    transform: { '^.+\\.ts$': swc },
    moduleNameMapper: { '^@omnibox/(.*)$': path.join(ROOT, 'libs/$1/src/index.ts') },
    testEnvironment: 'node',
    testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
    // Build output and the Nx cache hold copies of package.json files that would collide with the sources.
    modulePathIgnorePatterns: [path.join(ROOT, 'dist'), path.join(ROOT, '.nx')],
    globalSetup: path.join(ROOT, 'libs/testing/src/jest/global-setup.ts'),
    globalTeardown: path.join(ROOT, 'libs/testing/src/jest/global-teardown.ts'),
    // Engine-backed tests wait for events; the default 5 s is too short (set here so it holds alone and in a multi-project run).
    setupFilesAfterEnv: [path.join(ROOT, 'libs/testing/src/jest/timeout.js')],
    ...overrides,
  };
}

module.exports = { jestProject, ROOT };
