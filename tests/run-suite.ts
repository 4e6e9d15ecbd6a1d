// Runs the whole vitest suite and ends with one plain line of totals from vitest's JSON report.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; message?: string }[];
}

const reportPath = '.vitest/report.json';
mkdirSync('.vitest', { recursive: true });
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let report: Report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
} catch {
  console.log('vitest wrote no report');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
for (const file of report.testResults.filter((result) => result.status === 'failed' && result.message)) {
  console.log(`failed to run: ${file.name}: ${file.message}`);
}
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(run.status ?? 1);
