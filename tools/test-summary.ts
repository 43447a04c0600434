/**
 * Totals the jest results every project wrote to dist/test-results/ and prints one
 * closing line, `Tests: N passed, N failed, N skipped`, so a reader (or CI) sees the
 * whole run's count without scrolling through each project's output.
 * `--reset` clears old results first, so a total never counts a previous run.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface JestJsonResult {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTestSuites: number;
}

const resultsDir = resolve(__dirname, '..', 'dist', 'test-results');

function reset(): void {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
}

function summarize(): number {
  if (!existsSync(resultsDir)) {
    console.log(`No test results in ${resultsDir}: run the test targets first.`);
    return 1;
  }
  const files = readdirSync(resultsDir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const file of files) {
    const result = JSON.parse(readFileSync(join(resultsDir, file), 'utf8')) as JestJsonResult;
    if (result.numTotalTestSuites === 0) continue;
    total.passed += result.numPassedTests;
    total.failed += result.numFailedTests;
    total.skipped += result.numPendingTests;
    console.log(
      `  ${file.replace(/\.json$/, '').padEnd(32)} ${result.numPassedTests} passed, ${result.numFailedTests} failed`,
    );
  }
  console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed === 0 && total.passed > 0 ? 0 : 1;
}

if (process.argv.includes('--reset')) reset();
else process.exitCode = summarize();
