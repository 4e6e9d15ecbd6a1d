import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createVerifiedClock } from '../../src/time/verified-clock.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/server.ts';
import { slashCommand } from '../fakes/slack/signed-request.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';

const year = 365 * 24 * 3600_000;
const realNow = () => performance.timeOrigin + performance.now();
const secret = 'clock-test-secret';

// PostgreSQL's clock is one of the references this test relies on.
describe.skipIf(!databaseKinds.includes('postgresql'))('crisisroom when its machine clock jumps a year ahead (the seed incident)', () => {
  let database: TestDatabase;
  let fake: FakeSlack;
  let app: Awaited<ReturnType<typeof startApp>>;
  const machine = { skewMs: 0 };
  const log: string[] = [];
  const clock = createVerifiedClock({ machine: () => realNow() + machine.skewMs, log: (m) => log.push(m) });

  beforeAll(async () => {
    database = await freshDatabase('postgresql');
    fake = await startFakeSlack({
      token: 'xoxb-clock',
      teamId: 'T0HOME',
      botUserId: 'U0BOT',
      users: [{ id: 'U0ALICE', name: 'alice', tz: 'America/Sao_Paulo', teamId: 'T0HOME' }],
      channels: [
        { id: 'C0GENERAL', name: 'general', members: ['U0ALICE'] },
        { id: 'C0OPS', name: 'ops', members: ['U0BOT'] },
      ],
    });
    const config = loadConfig({
      CRISISROOM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'crisisroom-clock-')), 'data'),
      PORT: '0',
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: 'xoxb-clock',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.url,
    });
    config.operations = { slackChannel: 'C0OPS' };
    app = await startApp(config, clock, (m) => log.push(m));
    await clock.check();
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    await database?.dispose();
  });

  const get = async (path: string) => {
    const response = await fetch(`${app.url}${path}`);
    return { status: response.status, body: await response.text() };
  };
  const opsMessages = () => fake.messages('C0OPS').map((m) => m.text);

  test('healthy: ready, references sampled, offsets exported', async () => {
    expect((await get('/readyz')).status).toBe(200);
    expect(
      clock
        .status()
        .samples.map((s) => s.reference)
        .sort(),
    ).toEqual(['postgresql', 'slack']);
    const metrics = (await get('/metrics')).body;
    expect(metrics).toMatch(/^crisisroom_clock_trusted 1$/m);
    expect(metrics).toMatch(/^crisisroom_clock_reference_offset_seconds\{reference="postgresql"\} -?0\.\d+/m);
  });

  test('a year ahead: nothing is stamped or approved, /readyz says why, the page keeps serving, operations are told', async () => {
    const before = await app.runConsoleLine({ user: 'alice', line: 'declare Ticket distribution stopped' });
    expect(before).toContain('Declared INC-1');
    await app.runConsoleLine({ user: 'alice', line: 'public INC-1 investigating Tickets are not reaching agents.' });
    expect(await app.runConsoleLine({ user: 'alice', line: 'approve INC-1' })).toContain('Approved INC-1 D1');
    await app.runConsoleLine({ user: 'alice', line: 'public INC-1 identified A server clock jumped to 2022.' });

    machine.skewMs = year;
    await clock.check();
    await app.settle();
    const readyz = await get('/readyz');
    expect(readyz.status).toBe(503);
    expect(JSON.parse(readyz.body).reason).toMatch(
      /^clock not trusted: the clock is 3153[56]\d{3} s ahead of (postgresql, slack|slack, postgresql), beyond the 60 s allowed$/,
    );
    expect((await get('/healthz')).status).toBe(200);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Ticket distribution stopped');

    const dump = async () => JSON.stringify(await Promise.all([app.db.prisma.timelineEntry.findMany(), app.db.prisma.publication.findMany()]));
    const rows = await dump();
    expect(await app.runConsoleLine({ user: 'alice', line: 'note INC-1 restarted the cache' })).toMatch(
      /^Refused: this server's clock cannot be trusted right now \(the clock is 3153[56]\d{3} s ahead of .*\)\.$/,
    );
    expect(await app.runConsoleLine({ user: 'alice', line: 'approve INC-1' })).toMatch(/^Refused: this server's clock cannot be trusted right now/);
    expect(await dump()).toBe(rows);
    expect(opsMessages().at(-1)).toMatch(
      /^:rotating_light: the clock is 3153[56]\d{3} s ahead of .*, beyond the 60 s allowed\. crisisroom stamps nothing and approves no public update until it is right again/,
    );
    expect((await get('/metrics')).body).toMatch(/^crisisroom_clock_trusted 0$/m);

    // Slack's requests are judged by the references' time, not the machine's: a fresh request is answered.
    const sent = Math.floor(realNow() / 1000);
    const response = await slashCommand(
      `${app.url}/slack/events`,
      secret,
      { text: 'list', user_id: 'U0ALICE', team_id: 'T0HOME', channel_id: 'C0GENERAL', response_url: fake.responseUrl() },
      { timestamp: sent },
    );
    expect(response.status).toBe(200);
  });

  test('the clock coming back is trusted again by itself; what is then stamped carries the true time', async () => {
    machine.skewMs = 0;
    await clock.check();
    await app.settle();
    expect((await get('/readyz')).status).toBe(200);
    expect(opsMessages().at(-1)).toBe(':white_check_mark: The clock is trusted again: stamping and approvals work again.');

    // Thirty seconds behind is within the refusal threshold: stamps are corrected to the references' time.
    machine.skewMs = -30_000;
    await clock.check();
    expect(await app.runConsoleLine({ user: 'alice', line: 'note INC-1 restarted the cache' })).toContain('Noted');
    const note = await app.db.prisma.timelineEntry.findFirstOrThrow({ where: { text: 'restarted the cache' } });
    expect(Math.abs(note.recordedAt.getTime() - realNow())).toBeLessThan(2000);
    expect(log.some((line) => line.startsWith('clock: warning: 30 s behind') || line.startsWith('clock: warning: 29 s behind'))).toBe(true);
  });
});
