// A flood of signed `/incident note` requests from 50 connections against crisisroom in its own
// process (SQLite), killed with SIGKILL halfway through and restarted at once on the same port.
// Reported: whether every note acknowledged to Slack (an empty 200) is on the timeline exactly once,
// and the process's resident memory along the flood, against the bound of 400 MB.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectConsole } from '../src/chat/console/client.ts';
import { socketPathIn } from '../src/chat/console/protocol.ts';
import { openDatabase } from '../src/db/client.ts';
import { systemClock } from '../src/time/clock.ts';
import { startFakeSlackProcess } from './fake-slack.ts';
import { acknowledgedNotes } from './notes.ts';
import type { Load } from './slack-ack.ts';

const seconds = Number(process.env.BENCH_FLOOD_SECONDS ?? 20);
const boundMb = 400;
const secret = 'bench-signing-secret';
const root = join(import.meta.dirname, '..');

const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address() as { port: number };
    probe.close(() => resolve(free));
  });
});
const fake = await startFakeSlackProcess({ channels: 0, postRateLimitPerChannelPerSecond: 0, workspacePostsPerSecond: 1000, transientFailureRate: 0 });
const dataDir = join(mkdtempSync(join(tmpdir(), 'crisisroom-flood-')), 'data');
const env = {
  ...process.env,
  PORT: String(port),
  CRISISROOM_DATA_DIR: dataDir,
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: secret,
  SLACK_API_URL: fake.url,
};

// Started as `npm start` starts it (with the same V8 flags), without npm in between to take the SIGKILL.
const startArgs = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ').slice(1);

function start(): Promise<ChildProcess> {
  const child = spawn(process.execPath, startArgs, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (/listening on /.test(log)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`crisisroom exited with ${code}:\n${log}`)));
  });
}

/** Resident memory of a process, from the kernel's own account. */
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

let server = await start();
const chat = await connectConsole(socketPathIn(dataDir));
await chat.send({ user: 'bench', line: 'declare Load test --sev 3' });
chat.close();

const samples: { at: number; mb: number }[] = [];
const began = performance.now();
const sampler = setInterval(() => {
  try {
    samples.push({ at: (performance.now() - began) / 1000, mb: rssMb(server.pid!) });
  } catch {
    // Between the kill and the restart there is no process to read.
  }
}, 100);
const flood = promisify(execFile)(
  process.execPath,
  ['bench/load.ts', `http://127.0.0.1:${port}/slack/events`, '50', String(seconds), secret, 'note INC-1 flood', fake.responseUrl],
  { cwd: root, maxBuffer: 256 * 1024 * 1024 },
);
await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 2));
const killed = new Promise((resolve) => server.once('exit', resolve));
server.kill('SIGKILL');
await killed;
server = await start();
const load = JSON.parse((await flood).stdout) as Load;
clearInterval(sampler);

// Then the backlog of commands is done (the crisis room's briefing edits take Slack's slower turns
// after it, and are not what this measures), and every acknowledged note looked for on the timeline.
const db = await openDatabase(`file:${dataDir}/crisisroom.db`, systemClock);
while ((await db.prisma.job.count({ where: { state: 'pending', kind: 'slack.command' } })) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
const { missing, doubled, unacknowledged } = await acknowledgedNotes(db, load.acknowledged);
await db.close();
server.kill('SIGTERM');
fake.stop();

const peak = (from: number, to: number) => Math.max(0, ...samples.filter((s) => s.at >= from && s.at < to).map((s) => s.mb));
console.log(`signed /incident note from 50 connections for ${seconds} s, crisisroom killed with SIGKILL at ${seconds / 2} s and restarted on the same port`);
console.log(`  acknowledged ${load.acknowledged.length} notes (${load.turnedAway} turned away busy, ${load.errors} requests refused while it was down)`);
console.log(
  `  on the timeline: missing ${missing}, doubled ${doubled} (target 0 and 0); ${unacknowledged} more recorded whose acknowledgement the kill cut off`,
);
console.log(
  `  resident memory peak per quarter: ${[0, 1, 2, 3].map((q) => `${peak((q * seconds) / 4, ((q + 1) * seconds) / 4).toFixed(0)} MB`).join(', ')}; ` +
    `the bound is ${boundMb} MB: ${Math.max(...samples.map((s) => s.mb)) <= boundMb ? 'held' : 'EXCEEDED'}`,
);
