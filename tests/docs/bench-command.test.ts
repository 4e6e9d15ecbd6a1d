import { expect, test } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { root } from '../support/processes.ts';
import { newcomerEnv, runShell } from '../support/shell.ts';
import { asTyped } from '../support/typed.ts';

// A file of its own: the benchmarks mostly wait on rate limits, and run beside the other tests.
test('npm run bench, shortened by its documented variables: every benchmark prints its figures against its baseline', async () => {
  const short = {
    BENCH_SECONDS: '1',
    BENCH_LOAD_ROUNDS: '1',
    BENCH_INCIDENTS: '20',
    BENCH_ROUNDS: '3',
    BENCH_FANOUT_CHANNELS: '10',
    BENCH_FANOUT_ROUNDS: '1',
    BENCH_RECOVERY_CHANNELS: '20',
    BENCH_FLOOD_SECONDS: '2',
    BENCH_METRICS_INCIDENTS: '20,200',
    BENCH_METRICS_ROUNDS: '1',
  };
  const bench = await runShell(asTyped('npm run bench'), { cwd: root, env: newcomerEnv({ PORT: '0', ...short }), timeoutMs: 240_000 });
  expect(bench.code, bench.stderr).toBe(0);
  for (const name of ['commands', 'status-page', 'slack-ack', 'fanout', 'teams-fanout', 'recovery', 'command-crash', 'metrics'])
    expect(bench.stdout).toContain(`== bench/${name}.ts`);
  expect(bench.stdout).toMatch(/×\d+(\.\d+)? of summary/);
  expect(bench.stdout.match(/lost 0, duplicated 0/g)).toHaveLength(2);
  // SQLite restarted, and on PostgreSQL two replicas, one restarted and one left dead.
  expect(bench.stdout.match(/last post [\d.]+ s after the kill.*; lost 0, doubled 0$/gm)).toHaveLength(databaseKinds.includes('postgresql') ? 3 : 1);
  // Killed during a flood of commands: every acknowledged one done once.
  expect(bench.stdout).toMatch(/^ {2}on the timeline: missing 0, doubled 0 /m);
  const [, acknowledged, recorded] = /^ {2}acknowledged (\d+) notes .*; (\d+) of them on the timeline$/m.exec(bench.stdout) ?? [];
  expect(Number(acknowledged)).toBeGreaterThan(0);
  expect(recorded).toBe(acknowledged);
}, 300_000);

test('npm run bench -- metrics runs that benchmark alone: the 200 incidents against the baseline of 20', async () => {
  const env = newcomerEnv({ BENCH_METRICS_INCIDENTS: '20,200', BENCH_METRICS_ROUNDS: '1' });
  const bench = await runShell(asTyped('npm run bench -- metrics'), { cwd: root, env, timeoutMs: 120_000 });
  expect(bench.code, bench.stderr).toBe(0);
  expect(bench.stdout.match(/^== bench\/\S+/gm)).toEqual(['== bench/metrics.ts']);
  expect(bench.stdout).toMatch(/^ {6}20 incidents {2}median [\d.]+ s, peak RSS \d+ MB \| ×1\.00 of the baseline's time/m);
  expect(bench.stdout).toMatch(/^ {5}200 incidents {2}median [\d.]+ s, peak RSS \d+ MB \| ×\d+\.\d\d of the baseline's time, ×\d+\.\d\d of its memory/m);
}, 150_000);
