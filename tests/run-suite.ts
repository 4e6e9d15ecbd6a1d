// `npm test` after the type check: the whole vitest suite as the caller's environment has it, then
// the tests of what that environment can change again under an unusual one (tests/caller-environment.ts).
// It ends with one plain line of totals over both passes, from vitest's JSON reports.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearedInUnusualEnvironment, secondPassTests, unusualEnvironment } from './caller-environment.ts';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; message?: string }[];
}

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  ok: boolean;
}

// Reports go to a folder of this run's own, so a suite that runs `npm test` inside it keeps its own.
const reports = mkdtempSync(join(tmpdir(), 'crisisroom-vitest-'));

function pass(name: string, files: string[], env: NodeJS.ProcessEnv): Totals {
  const reportPath = join(reports, `${name.replace(/\W+/g, '-')}.json`);
  console.log(`\n== ${name}`);
  const run = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`, ...files],
    { stdio: 'inherit', env },
  );
  let report: Report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
  } catch {
    console.log(`${name}: vitest wrote no report`);
    return { passed: 0, failed: 1, skipped: 0, ok: false };
  }
  for (const file of report.testResults.filter((result) => result.status === 'failed' && result.message)) {
    console.log(`failed to run: ${file.name}: ${file.message}`);
  }
  const totals = { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests, ok: run.status === 0 };
  console.log(`${name}: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  return totals;
}

// The suite starts hundreds of node processes: V8's compile cache spares each of them compiling
// crisisroom's modules again (node_modules/.cache, so a clean clone starts without one).
const caller: NodeJS.ProcessEnv = { NODE_COMPILE_CACHE: join(process.cwd(), 'node_modules/.cache/node-compile'), ...process.env };

const chosen = process.argv.slice(2);
const passes = [pass('as the caller has it', chosen, caller)];
if (chosen.length > 0) {
  console.log(`\nthe unusual-environment pass is left out: only ${chosen.join(' ')} was asked for`);
} else {
  const unusual: NodeJS.ProcessEnv = { ...caller, ...unusualEnvironment };
  for (const name of clearedInUnusualEnvironment) delete unusual[name];
  passes.push(
    pass(
      `again under ${Object.entries(unusualEnvironment)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ')}`,
      secondPassTests(),
      unusual,
    ),
  );
}
const sum = (key: 'passed' | 'failed' | 'skipped') => passes.reduce((total, totals) => total + totals[key], 0);
const skipped = sum('skipped');
console.log(`${sum('passed')} passed, ${sum('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
rmSync(reports, { recursive: true, force: true });
process.exit(passes.every((totals) => totals.ok) ? 0 : 1);
