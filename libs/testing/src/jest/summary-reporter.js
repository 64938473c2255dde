'use strict';
// Prints the plain closing line `tests: N passed, N failed` that CI reads. Jest's own summary
// ("Tests: … total", "Snapshots: 0 total") is written by a reporter that runs after this one, so the
// line is written when the process exits: it must be the run's last line (stdout to a pipe or a file
// is written synchronously on Linux, so nothing is lost at exit).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.once('exit', () => process.stdout.write(`\n${line}\n`));
  }
}
module.exports = SummaryReporter;
