// Recovery from a crash in the middle of a fan-out: one approved update to 200 Slack customer
// channels (a fake Slack in its own process, 10% of posts failing transiently), and the crisisroom
// process doing it killed with SIGKILL once a quarter of the channels have their post. Reported:
// the time from the kill to the last post, against the least time the posts still to make need at
// the workspace's rate, and the posts lost or doubled, counted through Slack's own API.
//   - SQLite: the process is restarted at once, on the same data directory;
//   - PostgreSQL, two replicas: the killed one is restarted at once, the other works on;
//   - PostgreSQL, two replicas: the killed one stays dead, and the other takes its claims over.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectConsole } from '../src/chat/console/client.ts';
import { socketPathIn } from '../src/chat/console/protocol.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { systemClock } from '../src/time/clock.ts';
import { countSlackPosts, customerChannelId, startFakeSlackProcess } from './fake-slack.ts';
import { subscribeSlackChannels } from '../tests/support/subscriptions.ts';

const channels = Number(process.env.BENCH_RECOVERY_CHANNELS ?? 200);
const rate = Number(process.env.BENCH_FANOUT_RATE ?? 50);
const failureRate = Number(process.env.BENCH_FANOUT_FAILURES ?? 0.1);
const root = join(import.meta.dirname, '..');
const postgresAdmin = process.env.CRISISROOM_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

interface Replica {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  child: ChildProcess;
}

/** Starts `node src/main.ts` as `npm start` does, and resolves once it listens. */
function startReplica(dataDir: string, env: NodeJS.ProcessEnv): Promise<Replica> {
  const child = spawn(process.execPath, ['src/main.ts'], { cwd: root, env: { ...env, CRISISROOM_DATA_DIR: dataDir }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (/listening on /.test(log)) resolve({ dataDir, env, child });
    });
    child.once('exit', (code) => reject(new Error(`crisisroom exited with ${code}:\n${log}`)));
  });
}

function kill(replica: Replica): Promise<void> {
  return new Promise((resolve) => {
    replica.child.once('exit', () => resolve());
    replica.child.kill('SIGKILL');
  });
}

const channelDeliveries = { target: { startsWith: 'channel:' } };

/** Polls the database crisisroom writes to; SQLite's lock may refuse a read now and then, as it may any reader's. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check().catch(() => false))) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Runs `work` on a database of its own, dropped afterwards; false when PostgreSQL cannot be reached. */
async function onPostgres(work: (url: string) => Promise<void>): Promise<boolean> {
  const admin = new pg.Client({ connectionString: postgresAdmin, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`  PostgreSQL rounds skipped: ${(error as Error).message}`);
    return false;
  }
  const name = `crisisroom_bench_${randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(postgresAdmin);
  url.pathname = `/${name}`;
  try {
    await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  return true;
}

async function round(label: string, databaseUrl: string | null, replicas: 1 | 2, restart: boolean): Promise<void> {
  const fake = await startFakeSlackProcess({ channels, postRateLimitPerChannelPerSecond: 1, workspacePostsPerSecond: rate, transientFailureRate: failureRate });
  const dir = mkdtempSync(join(tmpdir(), 'crisisroom-recovery-'));
  // Replicas share the workspace's rate, as docs/publishing.md asks of them.
  const share = rate / replicas;
  writeFileSync(join(dir, 'crisisroom.yaml'), `slack:\n  postsPerSecond: ${share}\n  parentEditsPerMinute: 6000\n`);
  mkdirSync(join(dir, 'a'));
  const url = databaseUrl ?? `file:${join(dir, 'a', 'crisisroom.db')}`;
  const seed: Database = await openDatabase(url, systemClock);
  await subscribeSlackChannels(
    seed,
    Array.from({ length: channels }, (_, i) => ({ id: customerChannelId(i), name: `customer-${i}` })),
    'slack:U0ALICE',
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    DATABASE_URL: url,
    CRISISROOM_CONFIG: join(dir, 'crisisroom.yaml'),
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench',
    SLACK_API_URL: fake.url,
  };
  const running = await Promise.all(['a', 'b'].slice(0, replicas).map((name) => startReplica(join(dir, name), env)));
  const victim = running[0]!;
  const chat = await connectConsole(socketPathIn(victim.dataDir));
  for (const line of [
    'declare Ticket distribution stopped --sev 2',
    'public INC-1 investigating Tickets are not being distributed to agents.',
    'approve INC-1',
  ]) {
    await chat.send({ user: 'bench', line });
  }
  chat.close();

  await until(async () => (await seed.prisma.delivery.count({ where: { ...channelDeliveries, state: 'delivered' } })) >= channels / 4);
  await kill(victim);
  const killedAt = performance.now();
  const delivered = () => seed.prisma.delivery.count({ where: { ...channelDeliveries, state: 'delivered' } });
  let before = 0;
  await until(async () => {
    before = await delivered();
    return true;
  });
  const left = channels - before;
  const restarted = restart ? startReplica(victim.dataDir, victim.env) : null;
  // Alone on its database, the restarted process is the only one that can post: its first post is the resumption.
  if (replicas === 1) await until(async () => (await delivered()) > before);
  const resumedAfter = (performance.now() - killedAt) / 1000;
  if (restarted) running[0] = await restarted;
  await until(async () => (await seed.prisma.delivery.count({ where: { ...channelDeliveries, state: { not: 'delivered' } } })) === 0);
  const seconds = (performance.now() - killedAt) / 1000;
  const { missing, duplicated } = await countSlackPosts(fake.url, channels);
  for (const replica of running.slice(restart ? 0 : 1)) await kill(replica);
  await seed.close();
  fake.stop();
  // The least time the posts left need at the rate of the processes still posting (a dead one's share is lost).
  const bound = left / (1 - failureRate / 2) / (share * (restart ? replicas : replicas - 1));
  console.log(
    `  ${label.padEnd(50)} last post ${seconds.toFixed(2)} s after the kill${replicas === 1 ? ` (posting again after ${resumedAfter.toFixed(2)} s)` : ''}; ` +
      `the ${left} posts left need ≥ ${bound.toFixed(2)} s at ${share * (restart ? replicas : replicas - 1)}/s: recovery cost ${(seconds - bound).toFixed(2)} s; lost ${missing}, doubled ${duplicated}`,
  );
}

console.log(`SIGKILL once a quarter of ${channels} Slack channels have their post, at ${rate} posts/s with ${failureRate * 100}% failing transiently`);
await round('SQLite, restarted at once', null, 1, true);
if (await onPostgres((url) => round('PostgreSQL, 2 replicas, the killed one restarted', url, 2, true))) {
  await onPostgres((url) => round('PostgreSQL, 2 replicas, the killed one left dead', url, 2, false));
}
