// `npm run bench`: every benchmark, one after the other, each printing medians and its ratio
// against a baseline measured in the same run. `npm run bench -- metrics status-page` runs just those.
import { spawnSync } from 'node:child_process';

const all = [
  'bench/commands.ts',
  'bench/status-page.ts',
  'bench/slack-ack.ts',
  'bench/fanout.ts',
  'bench/teams-fanout.ts',
  'bench/recovery.ts',
  'bench/command-crash.ts',
  'bench/metrics.ts',
];
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !all.includes(`bench/${name}.ts`));
if (unknown.length > 0) {
  console.error(`no benchmark named ${unknown.join(', ')}; there are ${all.map((path) => path.slice('bench/'.length, -'.ts'.length)).join(', ')}`);
  process.exit(2);
}
for (const bench of asked.length > 0 ? asked.map((name) => `bench/${name}.ts`) : all) {
  console.log(`\n== ${bench}`);
  const run = spawnSync(process.execPath, [bench], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
