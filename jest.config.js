'use strict';
// One Jest run for the whole repository: every Nx project's own jest.config.js. Unit specs
// (`*.spec.ts` beside the code) need no engines; end-to-end specs (`*.e2e-spec.ts`) share one set of
// throw-away engines started by the global setup, and each test file isolates itself with its own
// databases, event stream and workspaces. `nx test <project>` runs one project's config alone.
const fs = require('node:fs');
const path = require('node:path');

const configsUnder = (folder) =>
  fs.readdirSync(path.join(__dirname, folder)).map((name) => `${folder}/${name}/jest.config.js`).filter((file) => fs.existsSync(path.join(__dirname, file)));

const projects = [...configsUnder('libs'), ...configsUnder('services'), 'tests/jest.config.js', 'deploy/jest.config.js']
  .filter((file) => fs.existsSync(path.join(__dirname, file)))
  .map((file) => `<rootDir>/${file}`);

module.exports = {
  reporters: ['default', '<rootDir>/libs/testing/src/jest/summary-reporter.js'],
  maxWorkers: 2,
  testTimeout: 60000,
  projects,
};
