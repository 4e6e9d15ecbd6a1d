import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { machineTime, systemClock } from '../../src/time/clock.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/server.ts';
import { databaseKinds, freshDatabase } from '../support/databases.ts';
import { runToEnd, workspace } from '../support/processes.ts';
import { phaseProgress } from '../../src/cli/repair-progress.ts';
import { dumpAll } from '../support/services.ts';
import { seedSkewedIncident } from '../services/repair-timestamps/seed.ts';

const cli = 'src/main-cli.ts';

/** Seeds the skewed incident an hour before the real now into the database at `url`; returns a dump reader. */
async function seeded(url: string) {
  const db = await openDatabase(url, systemClock);
  await seedSkewedIncident(db, new Date(machineTime() - 3_600_000));
  await db.close();
  return async () => {
    const again = await openDatabase(url, systemClock);
    try {
      return await dumpAll(again);
    } finally {
      await again.close();
    }
  };
}

describe('crisisroom repair-timestamps on a SQLite data directory', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ token: 'xoxb-test', teamId: 'T0FAKE0001', botUserId: 'U0BOT', users: [] });
  });
  afterAll(async () => {
    await slack.close();
  });

  const prepared = async () => {
    const { dir, env } = workspace();
    mkdirSync(join(dir, 'data'));
    const dump = await seeded(`file:${join(dir, 'data', 'crisisroom.db')}`);
    return { env, dump };
  };

  test("judged by Slack's clock: a dry run lists and exits 1 changing nothing; --apply fixes and exits 0", async () => {
    const { env: base, dump } = await prepared();
    const env = { ...base, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'not-a-secret', SLACK_API_URL: slack.url };
    const before = await dump();
    const dry = await runToEnd([cli, 'repair-timestamps'], env);
    expect([dry.code, dry.stderr]).toEqual([1, '']);
    expect(dry.stdout).toMatch(/verified now \S+Z \(by slack; /);
    expect(dry.stdout).toMatch(/TimelineEntry +\d+ +INC-1 +recordedAt +\S+ +\S+ +future +calendar shift -1 year/);
    expect(dry.stdout).toMatch(/out of order/);
    expect(dry.stdout).toContain('dry run: nothing was changed');
    expect(await dump()).toBe(before);

    const applied = await runToEnd([cli, 'repair-timestamps', '--apply'], env);
    expect([applied.code, applied.stderr]).toEqual([0, '']);
    expect(applied.stdout).toMatch(/repaired \d+ timestamps, each with an audit entry/);
    expect(await dump()).not.toBe(before);
    const after = await runToEnd([cli, 'repair-timestamps'], env);
    expect([after.code, after.stdout.split('\n').at(-2)]).toEqual([0, 'repair-timestamps: no timestamp in the future or out of order']);
  }, 60_000);

  test('with no time reference, --apply is refused unless --trust-local-clock; a dry run warns and goes on', async () => {
    const { env, dump } = await prepared();
    const before = await dump();
    const refused = await runToEnd([cli, 'repair-timestamps', '--apply'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no time reference answered (Slack, Statuspage or PostgreSQL)');
    expect(refused.stderr).toContain('--trust-local-clock');
    expect(await dump()).toBe(before);
    const dry = await runToEnd([cli, 'repair-timestamps'], env);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain("warning: no time reference answered: judging by this machine's clock");
    expect(await dump()).toBe(before);
    const trusted = await runToEnd([cli, 'repair-timestamps', '--apply', '--trust-local-clock'], env);
    expect(trusted.code).toBe(0);
  }, 60_000);

  test.each([
    [['--tolerance', 'soon'], '--tolerance must be a number of seconds'],
    [['--tolerance=-5'], '--tolerance cannot be negative'],
    [['extra'], 'repair-timestamps takes no operands'],
  ])('usage mistakes exit 2: %j', async (args, message) => {
    const run = await runToEnd([cli, 'repair-timestamps', ...args], workspace().env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe.skipIf(!databaseKinds.includes('postgresql'))('crisisroom repair-timestamps on PostgreSQL, judged by its clock', () => {
  test('dry run exits 1 changing nothing; --apply fixes and exits 0; a second run finds nothing', async () => {
    const database = await freshDatabase('postgresql');
    try {
      const dump = await seeded(database.url);
      const env = { ...workspace().env, DATABASE_URL: database.url };
      const before = await dump();
      const dry = await runToEnd([cli, 'repair-timestamps'], env);
      expect([dry.code, dry.stderr]).toEqual([1, '']);
      expect(dry.stdout).toMatch(/verified now \S+Z \(by postgresql; /);
      expect(await dump()).toBe(before);
      const applied = await runToEnd([cli, 'repair-timestamps', '--apply'], env);
      expect([applied.code, applied.stderr]).toEqual([0, '']);
      const after = await runToEnd([cli, 'repair-timestamps', '--apply'], env);
      expect(after.code).toBe(0);
      expect(after.stdout).toContain('no timestamp in the future or out of order');
    } finally {
      await database.dispose();
    }
  }, 60_000);
});

describe('repair-timestamps progress', () => {
  const into = (isTTY: boolean, lines: string[]) => ({ isTTY, write: (line: string) => lines.push(line) }) as unknown as NodeJS.WriteStream;

  test('without a terminal: one line per 10 % over a large scan, nothing over a small one', () => {
    const lines: string[] = [];
    const large = phaseProgress(into(false, lines), 'scan', 'rows');
    for (let done = 1000; done <= 20_000; done += 1000) large.update(done, 20_000, 'TimelineEntry');
    large.stop();
    expect(lines).toHaveLength(10);
    expect([lines[0], lines.at(-1)]).toEqual(['repair-timestamps: scan 10% (2000/20000 rows)\n', 'repair-timestamps: scan 100% (20000/20000 rows)\n']);
    const few: string[] = [];
    const small = phaseProgress(into(false, few), 'scan', 'rows');
    small.update(40, 40, 'Incident');
    expect(few).toEqual([]);
  });
});
