// web-test-runner's progress line is not alone on its line; CI wants `N passed, N failed`.
// This reporter counts every test of every browser and writes the totals to a file that
// scripts/test.sh adds to the Node test counts. A test file that failed to load counts as failed.
import { writeFileSync } from 'node:fs';

function countSuite(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, totals);
}

/** Reporter that totals passed/failed/skipped tests across browsers. */
export function countingReporter({ outFile } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, totals);
        const loadFailed = !session.testResults || (session.errors?.length ?? 0) > 0;
        if (loadFailed && !session.passed) totals.failed += 1;
      }
      if (outFile) writeFileSync(outFile, JSON.stringify(totals));
      console.log(`browser tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
    },
  };
}
