import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, test } from 'vitest';
import { root } from '../support/processes.ts';
import { newcomerEnv, runShell, startShell } from '../support/shell.ts';
import { asTyped } from '../support/typed.ts';
import { fastTests } from '../run-fast.ts';
import { longest } from '../../vitest.config.ts';

// The inner loop the README offers, run as typed. A file of its own: the quick set runs beside the rest.
describe('the quick answer while working', () => {
  test('npm run test:fast runs the quick set, the services on SQLite alone, and passes', async () => {
    const started = performance.now();
    const run = await runShell(asTyped('npm run test:fast'), { cwd: root, env: newcomerEnv(), timeoutMs: 240_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr + run.stdout).toContain('CRISISROOM_TEST_DATABASES=sqlite (npm run test:fast) asks for SQLite alone');
    const [, files] = /Test Files\s+(\d+) passed/.exec(stripVTControlCharacters(run.stdout)) ?? [];
    expect(Number(files)).toBe(fastTests(root).length);
    // Measured, not promised: what it took beside the rest of the suite.
    console.log(`npm run test:fast took ${((performance.now() - started) / 1000).toFixed(1)} s here, beside the rest of the suite`);
  }, 240_000);

  test('the quick set holds the pure and service suites, and none that starts processes, browsers or platforms', () => {
    const quick = fastTests(root);
    expect(quick).toEqual(
      expect.arrayContaining(['tests/domain/text.test.ts', 'tests/time/format.test.ts', 'tests/chat/grammar/parse.test.ts', 'tests/services/approval.test.ts']),
    );
    for (const slow of [
      'tests/e2e/console-flow.test.ts',
      'tests/status-page/browser.test.ts',
      'tests/chat/slack/slack-flow.test.ts',
      'tests/docs/quick-start.test.ts',
    ])
      expect(quick).not.toContain(slow);
  });

  test('npm run test:watch -- <files> runs them, then again when one changes', async () => {
    const file = 'tests/domain/text.test.ts';
    const watching = startShell(asTyped('npm run test:watch -- <files>', { files: file }), { cwd: root, env: newcomerEnv() });
    try {
      await watching.waitFor(/Waiting for file changes/, 60_000);
      const before = watching.output().length;
      const now = new Date();
      utimesSync(join(root, file), now, now);
      await watching.waitFor(new RegExp(`[\\s\\S]{${before}}[\\s\\S]*(RERUN|rerun)[\\s\\S]*Waiting for file changes`), 60_000);
    } finally {
      await watching.stop();
    }
  }, 150_000);

  test('the files the suite starts first, as its longest, are there to start', () => {
    expect(longest.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });
});
