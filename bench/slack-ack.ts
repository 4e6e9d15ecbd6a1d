// How fast crisisroom acknowledges signed `/incident note` requests (Slack allows 3 seconds) at a
// concurrency of 50, against a bare node:http server answering 200 on the same machine, in one run.
// The fake Slack runs in its own process: its work is not crisisroom's.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/time/clock.ts';
import { startFakeSlackProcess } from './fake-slack.ts';
import { acknowledgedNotes } from './notes.ts';
import { median } from './stats.ts';

const seconds = process.env.BENCH_SECONDS ?? '5';
const rounds = Number(process.env.BENCH_LOAD_ROUNDS ?? 3);
const secret = 'bench-signing-secret';

const fake = await startFakeSlackProcess({ channels: 0, postRateLimitPerChannelPerSecond: 0, workspacePostsPerSecond: 1000, transientFailureRate: 0 });
const config = loadConfig({
  CRISISROOM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'crisisroom-bench-')), 'data'),
  PORT: '0',
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: secret,
  SLACK_API_URL: fake.url,
});
const app = await startApp(config, systemClock, () => {});
await app.runConsoleLine({ user: 'bench', line: 'declare Load test --sev 3' });
await app.settle();

const bare = createServer((_req, res) => {
  res.writeHead(200);
  res.end();
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/slack/events`;

export interface Load {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  /** The notes of the commands acknowledged with Slack's empty 200. */
  acknowledged: string[];
  /** Commands answered "busy": not recorded. */
  turnedAway: number;
}
const run = promisify(execFile);
async function load(url: string, signed: boolean): Promise<Load> {
  const args = ['bench/load.ts', url, '50', seconds, ...(signed ? [secret, 'note INC-1 still degraded', fake.responseUrl] : [])];
  const { stdout } = await run(process.execPath, args, { cwd: join(import.meta.dirname, '..'), maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as Load;
}

const crisisroom: Load[] = [];
const baseline: Load[] = [];
for (let round = 0; round < rounds; round++) {
  crisisroom.push(await load(`${app.url}/slack/events`, true));
  await app.settle();
  baseline.push(await load(bareUrl, false));
}

const rps = (loads: Load[]) => median(loads.map((l) => l.requests.average));
const p50 = (loads: Load[]) => median(loads.map((l) => l.latency.p50));
const p99 = (loads: Load[]) => median(loads.map((l) => l.latency.p99));
const failed = crisisroom.reduce((sum, l) => sum + l.non2xx + l.errors, 0);
console.log(`signed /incident note acknowledgements, 50 connections, ${rounds}×${seconds} s each`);
console.log(
  `  crisisroom /slack/events  median ${rps(crisisroom).toFixed(0).padStart(6)} req/s  p50 ${p50(crisisroom)} ms  p99 ${p99(crisisroom)} ms${failed ? `  (${failed} non-2xx or errors!)` : ''}`,
);
console.log(`  bare node:http 200        median ${rps(baseline).toFixed(0).padStart(6)} req/s  p50 ${p50(baseline)} ms  p99 ${p99(baseline)} ms`);
console.log(
  `  ratio                     ×${(rps(baseline) / rps(crisisroom)).toFixed(1)} fewer requests per second than the bare server; p99 ${p99(crisisroom)} ms against Slack's 3000 ms`,
);
await app.settle();
const acknowledged = crisisroom.reduce((sum, l) => sum + l.acknowledged.length, 0);
const { recorded } = await acknowledgedNotes(
  app.db,
  crisisroom.flatMap((l) => l.acknowledged),
);
console.log(
  `  acknowledged ${acknowledged} notes (${crisisroom.reduce((sum, l) => sum + l.turnedAway, 0)} turned away busy); ${recorded} of them on the timeline`,
);

bare.close();
await app.stop();
fake.stop();
