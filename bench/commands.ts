// How long each chat command takes end to end through the grammar, the service and the database,
// on SQLite and on PostgreSQL. Baseline: `summary`, a read of one incident with no transaction, in the same run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { handleCommand } from '../src/chat/handle-command.ts';
import { openDatabase } from '../src/db/client.ts';
import type { Services } from '../src/services/context.ts';
import { syncComponents } from '../src/services/sync-components.ts';
import { systemClock } from '../src/time/clock.ts';
import { median, ms, percentile } from './stats.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 150);
const config = {
  statusPage: { name: 'Bench', timeZone: 'America/Sao_Paulo', languages: ['en' as const] },
  components: [{ group: 'Platform', items: ['CRM', 'Core'] }],
  approval: { fourEyes: false, approvers: [] },
  slack: { responders: [], admins: [], channelPrefix: 'inc', postsPerSecond: 5, parentEditsPerMinute: 40, queuedCommandsLimit: 1000 },
  teams: { responders: [], admins: [], channelPrefix: 'inc', roomChannel: 'private' as const, postsPerSecond: 10 },
  webhooks: { allowLoopback: false, timeoutMs: 10_000 },
  reports: { customerChannels: true, templates: {} },
  trackers: {},
  roles: [],
};

async function postgresUrl(): Promise<string | null> {
  const admin = process.env.CRISISROOM_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('DROP DATABASE IF EXISTS crisisroom_bench WITH (FORCE)');
    await client.query('CREATE DATABASE crisisroom_bench');
    const url = new URL(admin);
    url.pathname = '/crisisroom_bench';
    return url.toString();
  } catch (error) {
    console.log(`PostgreSQL pass skipped: ${(error as Error).message}`);
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

async function measure(label: string, url: string): Promise<void> {
  const db = await openDatabase(url, systemClock);
  await syncComponents(db, systemClock, config.components);
  const services: Services = { db, clock: systemClock, config, deliveryTargets: ['status-page'], notify: () => {} };
  const say = (line: string) =>
    handleCommand(
      { ctx: { ...services, actor: { platform: 'console', id: 'bench', name: 'bench' } }, resolveUser: async (t) => ({ id: t, name: t }), log: () => {} },
      line,
    );
  const time = async (line: () => string) => {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      const reply = await say(line());
      samples.push(performance.now() - started);
      if (/went wrong|Usage/.test(reply)) throw new Error(reply);
    }
    return samples;
  };
  let incident = 0;
  const declare = await time(() => `declare Bench incident ${++incident} --sev 2 --components CRM`);
  const note = await time(() => `note INC-${incident} cache is back`);
  const draftAndApprove = await time(() => `public INC-${incident} identified We found it.`);
  const approve = await time(() => `approve INC-${incident}`);
  const summary = await time(() => 'summary INC-1');
  const row = (name: string, samples: number[]) =>
    console.log(
      `  ${name.padEnd(9)} median ${ms(median(samples)).padStart(9)}  p95 ${ms(percentile(samples, 95)).padStart(9)}  ×${(median(samples) / median(summary)).toFixed(1)} of summary`,
    );
  console.log(`${label} (${rounds} rounds each)`);
  row('declare', declare);
  row('note', note);
  row('public', draftAndApprove);
  row('approve', approve);
  row('summary', summary);
  await db.close();
}

await measure('SQLite', `file:${join(mkdtempSync(join(tmpdir(), 'crisisroom-bench-')), 'bench.db')}`);
const pgUrl = await postgresUrl();
if (pgUrl) await measure('PostgreSQL', pgUrl);
