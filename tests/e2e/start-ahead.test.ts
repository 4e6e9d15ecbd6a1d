import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { connectConsole } from '../../src/chat/console/client.ts';
import { socketPathIn } from '../../src/chat/console/protocol.ts';
import { atomFeedPath } from '../../src/status-page/feeds.ts';
import { statuspageDocumentPaths } from '../../src/status-page/routes.ts';
import { type Database, connectDatabase } from '../../src/db/client.ts';
import { machineTime } from '../../src/time/clock.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/server.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { faketimeUnavailable, underFaketime } from '../support/faketime.ts';
import { type Running, eventually, runToEnd, startServer, takeBlipYaml, workspace } from '../support/processes.ts';
import { storedInstants } from '../support/stored-instants.ts';

/** How far an instant may lie after the true now: clock noise, never a wrong year. */
const toleranceMs = 10_000;
const leaseSeconds = 30;
/** Typed by people and meant to lie ahead (the API's names, then the tables'). */
const planned = new Set(['scheduled_for', 'scheduled_until', 'Maintenance.scheduledFor', 'Maintenance.scheduledUntil']);
/** How far each stored instant may lie ahead of the true now: a lease (a delivery's, a job's) by its length, the rest not at all. */
const allowedAhead = (column: string) => (planned.has(column) ? Infinity : column.endsWith('.claimedUntil') ? leaseSeconds * 1000 : 0) + toleranceMs;

/** The instants stored anywhere that lie later than the true now allows. */
async function storedInTheFuture(url: string): Promise<string[]> {
  const now = machineTime();
  const found = await storedInstants(url);
  expect(found.some(({ column }) => column.startsWith('_prisma_migrations.'))).toBe(true);
  return found.filter(({ column, at }) => at > now + allowedAhead(column)).map(({ column, at }) => `${column} ${new Date(at).toISOString()}`);
}

/** Every instant the Statuspage API and the Atom feed show, but the maintenance windows people typed. */
async function shownInstants(url: string): Promise<{ where: string; at: number }[]> {
  const found: { where: string; at: number }[] = [];
  const walk = (where: string, value: unknown): void => {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) found.push({ where, at: Date.parse(value) });
    else if (Array.isArray(value)) for (const [i, item] of value.entries()) walk(`${where}[${i}]`, item);
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) if (!planned.has(key)) walk(`${where}.${key}`, item);
  };
  for (const path of statuspageDocumentPaths) walk(path, await (await fetch(`${url}${path}`)).json());
  const atom = await (await fetch(`${url}${atomFeedPath}`)).text();
  for (const [, text] of atom.matchAll(/<(?:updated|published)>([^<]+)</g)) found.push({ where: atomFeedPath, at: Date.parse(text!) });
  return found;
}

function shownInTheFuture(shown: { where: string; at: number }[]): string[] {
  const now = machineTime();
  return shown
    .filter(({ at }) => !(at <= now + toleranceMs))
    .map(({ where, at }) => `${where} ${Number.isNaN(at) ? 'unreadable' : new Date(at).toISOString()}`);
}

/** The page's updated_at is the latest instant it shows: the time of its data, not of its build. */
function pageUpdatedIsLatestShown(shown: { where: string; at: number }[]): void {
  const page = shown.filter(({ where }) => /\.json\.page\.updated_at$/.test(where));
  const data = shown.filter(({ where }) => !where.includes('.page.') && where !== atomFeedPath);
  expect(page.length).toBe(statuspageDocumentPaths.length);
  expect(new Set(page.map(({ at }) => at))).toEqual(new Set([Math.max(...data.map(({ at }) => at))]));
}

/** An ISO date a few true days ahead, for a maintenance window people would type. */
const daysAhead = (days: number, hour: string) => `${new Date(machineTime() + days * 86_400_000).toISOString().slice(0, 10)}T${hour}:00Z`;

// The references read real time: PostgreSQL's clock and the fake Slack's Date header on PostgreSQL,
// the fake Slack's alone on SQLite. Only crisisroom's own process runs a year ahead.
describe.skipIf(Boolean(faketimeUnavailable)).each(databaseKinds)('crisisroom started with its machine clock a year ahead, on %s', (kind) => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let env: Record<string, string>;
  let server: Running | null = null;
  // Operations hear of the clock in Slack; the second configuration adds a component.
  const yaml = `${takeBlipYaml}operations:\n  slackChannel: C0OPS\n`;
  const withBilling = yaml.replace('Cloud Infrastructure]', 'Cloud Infrastructure, Billing]');

  beforeAll(async () => {
    database = await freshDatabase(kind);
    slack = await startFakeSlack({
      token: 'xoxb-ahead',
      teamId: 'T0AHEAD',
      botUserId: 'U0BOT',
      users: [],
      channels: [{ id: 'C0OPS', name: 'ops', members: ['U0BOT'] }],
    });
    env = {
      ...workspace(yaml).env,
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: 'xoxb-ahead',
      SLACK_SIGNING_SECRET: 'ahead-signing-secret',
      SLACK_API_URL: slack.url,
      CRISISROOM_DELIVERY_LEASE_SECONDS: String(leaseSeconds),
    };
  });
  /** Stops the server, so that the next one can take the data directory (and a failed test leaves none running). */
  const stop = async () => {
    await server?.stop();
    server = null;
  };
  afterEach(stop);
  afterAll(async () => {
    await slack?.close();
    await database?.dispose();
  });

  /** Runs console lines as alice against the running server; returns the replies. */
  async function say(...lines: string[]): Promise<string[]> {
    const consoleSocket = await connectConsole(socketPathIn(env.CRISISROOM_DATA_DIR!));
    try {
      const replies: string[] = [];
      for (const line of lines) replies.push(await consoleSocket.send({ user: 'alice', line }));
      return replies;
    } finally {
      consoleSocket.close();
    }
  }
  /** Runs `work` on the test's own connection to the database the server migrated (migrating again would contend for SQLite's lock). */
  async function withDb<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const db = connectDatabase(database.url);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }
  const refused = /^Refused: this server's clock cannot be trusted right now \(the clock is 3153[56]\d{3} s ahead of .+\)\.$/;

  test('a fresh start a year ahead: migrated and serving, but nothing dated by the wrong clock', async () => {
    server = await startServer(env, underFaketime('+365d'));
    expect(await say('declare Ticket distribution stopped')).toEqual([expect.stringMatching(refused)]);
    // Found wrong by the check before start-up wrote anything, and told once the Slack adapter was up.
    await eventually(
      async () =>
        expect(slack.messages('C0OPS').map((m) => m.text)).toEqual([expect.stringMatching(/^:rotating_light: the clock is 3153[56]\d{3} s ahead of /)]),
      5000,
    );
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    const shown = await shownInstants(server.url);
    expect(shownInTheFuture(shown)).toEqual([]);
    await stop();
    expect(await storedInTheFuture(database.url)).toEqual([]);
  }, 60_000);

  test('at the true time, incidents, updates and maintenance are written as usual', async () => {
    server = await startServer(env);
    const replies = await say(
      'declare Ticket distribution stopped --sev 2 --components "CRM"',
      'components INC-1 CRM=major_outage',
      'note INC-1 cache nodes disconnecting',
      'public INC-1 investigating Tickets are not reaching agents.',
      'approve INC-1',
      `maintenance schedule ${daysAhead(3, '02:00')} - ${daysAhead(3, '04:00')} Broker upgrade --components "Core"`,
    );
    expect(replies[0]).toContain('Declared INC-1');
    expect(replies[4]).toContain('Approved INC-1 D1');
    expect(replies[5]).toMatch(/^Scheduled MNT-1/);
    await withDb((db) => eventually(async () => expect((await db.prisma.delivery.findMany()).map((row) => row.state)).toEqual(['delivered']), 5000));
    await stop();
  }, 60_000);

  test('a restart a year ahead: commands are refused, the page shows only true instants, no delivery is claimed', async () => {
    // A delivery a crashed process left pending: a worker claiming it with the wrong clock would hold it for a year.
    const left = await withDb(async (db) => {
      const publication = await db.prisma.publication.findFirstOrThrow();
      return db.prisma.delivery.create({
        data: { publicationId: publication.id, target: 'status-page', idempotencyKey: 'left-pending', createdAt: new Date(machineTime()) },
      });
    });
    const withNew = workspace(withBilling);
    server = await startServer({ ...env, CRISISROOM_CONFIG: withNew.env.CRISISROOM_CONFIG! }, underFaketime('+365d'));
    const replies = await say('declare Second incident', 'note INC-1 a year ahead', 'public INC-1 identified The broker is restarting.', 'approve INC-1');
    expect(replies).toEqual(replies.map(() => expect.stringMatching(refused)));
    const shown = await shownInstants(server.url);
    expect(shownInTheFuture(shown)).toEqual([]);
    pageUpdatedIsLatestShown(shown);
    const summary = (await (await fetch(`${server.url}/api/v2/summary.json`)).json()) as {
      components: { name: string }[];
      scheduled_maintenances: { id: string; status: string }[];
    };
    expect(summary.scheduled_maintenances.map((m) => [m.id, m.status])).toEqual([['MNT-1', 'scheduled']]);
    expect(summary.components.map((c) => c.name)).not.toContain('Billing');
    // The worker polls every second: three polls had their chance to claim.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const untouched = await withDb((db) => db.prisma.delivery.findUniqueOrThrow({ where: { id: left.id }, include: { attemptLog: true } }));
    expect(untouched).toMatchObject({ state: 'pending', attempts: 0, claimedUntil: null, attemptLog: [] });
    const log = server.stderr();
    await stop();
    expect(log).toMatch(/clock: NOT trusted: the clock is 3153[56]\d{3} s ahead of/);
    expect(log).toContain('clock not trusted: components Billing are added once it is');
    expect(await storedInTheFuture(database.url)).toEqual([]);
  }, 60_000);

  test('back at the true time: the new component and the left delivery follow, and repair-timestamps and the doctor find nothing', async () => {
    const withNew = workspace(withBilling);
    const trueEnv = { ...env, CRISISROOM_CONFIG: withNew.env.CRISISROOM_CONFIG! };
    server = await startServer(trueEnv);
    await eventually(async () => {
      const summary = (await (await fetch(`${server!.url}/api/v2/summary.json`)).json()) as { components: { name: string }[] };
      expect(summary.components.map((c) => c.name)).toContain('Billing');
    }, 5000);
    await withDb((db) =>
      eventually(async () => expect((await db.prisma.delivery.findMany()).map((row) => row.state)).toEqual(['delivered', 'delivered']), 5000),
    );
    await stop();
    expect(await storedInTheFuture(database.url)).toEqual([]);

    const repair = await runToEnd(['src/main-cli.ts', 'repair-timestamps'], trueEnv);
    expect([repair.code, repair.stdout.trim().split('\n').at(-1)]).toEqual([0, 'repair-timestamps: no timestamp in the future or out of order']);
    const doctor = await runToEnd(['src/main-cli.ts', 'doctor'], trueEnv);
    expect(doctor.stdout).toMatch(/^PASS {2}timestamps: +none later than now/m);
  }, 60_000);
});
