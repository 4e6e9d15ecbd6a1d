// `npm run bench`: every benchmark, one after the other, each printing medians and its ratio
// against a baseline measured in the same run.
import { spawnSync } from 'node:child_process';

for (const bench of [
  'bench/commands.ts',
  'bench/status-page.ts',
  'bench/slack-ack.ts',
  'bench/fanout.ts',
  'bench/teams-fanout.ts',
  'bench/recovery.ts',
  'bench/command-crash.ts',
]) {
  console.log(`\n== ${bench}`);
  const run = spawnSync(process.execPath, [bench], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
