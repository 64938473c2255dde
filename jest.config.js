// One Jest run for the whole repository. Unit specs need no engines; the e2e and integration
// projects share one set of throw-away engines started by the global setup, and each test file
// isolates itself with its own databases, event stream and workspaces.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } }];
const moduleNameMapper = { '^@omnibox/(.*)$': '<rootDir>/libs/$1/src/index.ts' };
// Build output and the Nx cache hold copies of package.json files that would collide with the sources.
const common = { transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node', modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.nx/'] };

module.exports = {
  reporters: ['default', '<rootDir>/libs/testing/src/jest/summary-reporter.js'],
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services}/**/src/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/{libs,services,deploy}/**/test/**/*.e2e-spec.ts', '<rootDir>/tests/**/*.e2e-spec.ts'] , slowTestThreshold: 30 },
  ],
};
