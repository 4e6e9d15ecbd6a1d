import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { systemClock } from '../../src/time/clock.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/server.ts';
import { manifestScopes } from '../fakes/slack/scopes.ts';
import { type SmtpFake, startSmtpServer } from '../fakes/smtp.ts';
import { type FakeStatuspage, startFakeStatuspage } from '../fakes/statuspage/server.ts';
import { startFakeConnector } from '../fakes/teams/connector.ts';
import { type TestDatabase, databaseKinds, freshDatabase } from '../support/databases.ts';
import { faketimeUnavailable, runUnderFaketime } from '../support/faketime.ts';
import { runToEnd, workspace } from '../support/processes.ts';

/** `crisisroom doctor` as an operator runs it: the real command, in its own process. */
const doctor = (env: Record<string, string>) => runToEnd(['src/main-cli.ts', 'doctor'], env);

// Distinctive secrets, so that any of them printed in full would be found.
const secrets = {
  botToken: 'xoxb-1111-2222-doctorbottokenAB12',
  signingSecret: 'signing0secret0for0the0doctor0CD34',
  appToken: 'xapp-1-A0DOCTOR-3333-apptokenEF56',
  statuspageKey: 'statuspage-key-for-the-doctor-GH78',
  smtpPassword: 'smtp-password-for-doctor-IJ90',
};
const pageId = 'doctorpage01';
const withPostgres = databaseKinds.includes('postgresql');

let slack: FakeSlack;
let statuspage: FakeStatuspage;
let smtp: SmtpFake;
let migrated: TestDatabase | null = null;

beforeAll(async () => {
  slack = await startFakeSlack({ token: secrets.botToken, teamId: 'T0DOCTOR', botUserId: 'U0BOT', users: [] });
  statuspage = await startFakeStatuspage({ apiKey: secrets.statuspageKey, pageId, pageName: 'Take Blip Status', components: [] });
  smtp = await startSmtpServer({ user: 'crisisroom', pass: secrets.smtpPassword });
  if (withPostgres) {
    migrated = await freshDatabase('postgresql');
    await (await migrated.open()).close();
  }
});
afterAll(async () => {
  await slack?.close();
  await statuspage?.close();
  await smtp?.close();
  await migrated?.dispose();
});

/** Everything configured: PostgreSQL (when reachable, else SQLite), Slack, Statuspage and e-mail. */
function everything(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...workspace().env,
    ...(migrated ? { DATABASE_URL: migrated.url } : {}),
    SLACK_BOT_TOKEN: secrets.botToken,
    SLACK_SIGNING_SECRET: secrets.signingSecret,
    SLACK_API_URL: slack.url,
    STATUSPAGE_API_KEY: secrets.statuspageKey,
    STATUSPAGE_PAGE_ID: pageId,
    STATUSPAGE_API_URL: statuspage.url,
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Take Blip Status <status@example.com>',
    ...overrides,
  };
}

const lines = (stdout: string, level: 'PASS' | 'WARN' | 'FAIL') => stdout.split('\n').filter((line) => line.startsWith(`${level}  `));

describe.runIf(withPostgres)('crisisroom doctor on a healthy PostgreSQL start', () => {
  test('passes every check and exits 0', async () => {
    const run = await doctor(everything());
    console.log(`healthy run:\n${run.stdout}`);
    expect(run.stderr).toBe('');
    expect(lines(run.stdout, 'FAIL')).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PASS {2}database: +PostgreSQL postgresql:\/\/\S+ reachable$/m);
    expect(run.stdout).toMatch(/^PASS {2}database: +all \d+ migrations applied/m);
    for (const reference of ['postgresql', 'slack', 'statuspage']) {
      expect(run.stdout).toMatch(
        new RegExp(`^PASS {2}clock: +${reference} [+-]\\d+\\.\\d{3} s \\(±\\d+\\.\\d{3} s\\): (in step|machine (ahead|behind))$`, 'm'),
      );
    }
    expect(run.stdout).toMatch(/^PASS {2}clock: +median \d+\.\d{3} s (ahead of|behind) postgresql, slack, statuspage \(within the 2 s warning threshold\)$/m);
    expect(run.stdout).toMatch(/^PASS {2}slack: +bot token xoxb-…AB12 valid: workspace "Fake Slack" \(T0DOCTOR\), bot @crisisroom \(U0BOT\)$/m);
    expect(run.stdout).toContain(`all ${manifestScopes.length} scopes of manifests/slack/manifest.yml granted`);
    expect(run.stdout).toMatch(/^PASS {2}statuspage: +key …GH78 reads page "Take Blip Status" \(doctorpage01\)/m);
    expect(run.stdout).toMatch(/^PASS {2}smtp: +smtp:\/\/crisisroom:\*\*\*@127\.0\.0\.1:\d+\/? accepts the login/m);
    expect(run.stdout).toMatch(/^PASS {2}config: +status page "Take Blip Status", zone America\/Sao_Paulo, languages en, pt-BR$/m);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 warnings, 0 failed$/);
  });

  test.skipIf(Boolean(faketimeUnavailable))('with the machine clock a year ahead: FAIL on the clock, exit 1', async () => {
    const { STATUSPAGE_API_KEY: _key, STATUSPAGE_PAGE_ID: _page, SMTP_URL: _smtp, SMTP_FROM: _from, ...postgresAndSlack } = everything();
    const run = await runUnderFaketime('+365d', ['src/main-cli.ts', 'doctor'], postgresAndSlack);
    console.log(`year-ahead run:\n${run.stdout}${run.stderr}`);
    expect(run.code).toBe(1);
    const clock = lines(run.stdout, 'FAIL').filter((line) => /^FAIL {2}clock:/.test(line));
    expect(clock).toHaveLength(3);
    expect(clock.at(-1)).toMatch(/^FAIL {2}clock: +median \d+\.\d s ahead of postgresql, slack \(refused above 60 s\)$/);
    const offset = Number(/median (\d+\.\d) s ahead/.exec(clock.at(-1)!)![1]);
    expect(Math.abs(offset - 31_536_000)).toBeLessThan(5);
    expect(clock[0]).toMatch(/^FAIL {2}clock: +postgresql -\d+\.\d s \(±\d+\.\d{3} s\): machine ahead$/);
    expect(Math.abs(Number(/-(\d+\.\d) s/.exec(clock[0]!)![1]) - 31_536_000)).toBeLessThan(5);
    // Only the clock is wrong: everything else still passes.
    expect(lines(run.stdout, 'FAIL').length).toBe(clock.length);
  });
});

describe('crisisroom doctor finds what is wrong', () => {
  test("a refused bot token: FAIL naming Slack's reason, exit 1", async () => {
    const run = await doctor(everything({ SLACK_BOT_TOKEN: 'xoxb-revoked-0000000000000000WXYZ' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}slack: +bot token xoxb-…WXYZ refused by http:\/\/127\.0\.0\.1:\d+\/api\/auth\.test: invalid_auth$/m);
  });

  test('a scope the manifest asks for and Slack did not grant: FAIL naming it; one not needed: WARN', async () => {
    const scoped = await startFakeSlack({
      token: secrets.botToken,
      teamId: 'T0DOCTOR',
      botUserId: 'U0BOT',
      users: [],
      scopes: [...manifestScopes.filter((scope) => scope !== 'pins:write'), 'files:write'],
    });
    try {
      const run = await doctor(everything({ SLACK_API_URL: scoped.url }));
      expect(run.code).toBe(1);
      expect(lines(run.stdout, 'FAIL')).toEqual([expect.stringMatching(/^FAIL {2}slack: +missing scopes: pins:write \(/)]);
      expect(run.stdout).toMatch(/^WARN {2}slack: +scopes beyond the manifest's, not needed: files:write$/m);
    } finally {
      await scoped.close();
    }
  });

  test('a refused Statuspage key and an unknown page: FAIL each', async () => {
    const refused = await doctor(everything({ STATUSPAGE_API_KEY: 'another-statuspage-key-0000' }));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^FAIL {2}statuspage: +Statuspage refused the API key \(HTTP 401: Could not authenticate\)/m);
    const missing = await doctor(everything({ STATUSPAGE_PAGE_ID: 'nosuchpage' }));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^FAIL {2}statuspage: +Statuspage page nosuchpage was not found/m);
  });

  test("a wrong SMTP password: FAIL with the server's reply, the password never shown", async () => {
    const run = await doctor(everything({ SMTP_URL: smtp.url.replace(secrets.smtpPassword, 'wrong-password-for-smtp-0000') }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}smtp: +smtp:\/\/crisisroom:\*\*\*@127\.0\.0\.1:\d+\/?: .*535/m);
    expect(run.stdout).not.toContain('wrong-password-for-smtp-0000');
  });

  test('Teams settings: shown with the password masked, the credentials tried against the token endpoint', async () => {
    const password = 'teams-app-password-never-shown-1234';
    const appId = '6f1f4c1e-5b7a-4d8e-9a51-1c2b3d4e5f60';
    const connector = await startFakeConnector({ appId, appPassword: password });
    try {
      const run = await doctor({
        ...workspace().env,
        TEAMS_APP_ID: appId,
        TEAMS_APP_PASSWORD: password,
        TEAMS_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        TEAMS_TOKEN_URL: connector.tokenUrl,
      });
      expect(run.stdout).toMatch(
        new RegExp(
          `^PASS {2}config: +teams: app ${appId}, password …1234, 1 tenant \\(72f988bf-86f1-41af-91ab-2d7cd011db47\\), activities at /api/messages checked against https://login\\.botframework\\.com/v1/\\.well-known/openidconfiguration, tokens from ${connector.tokenUrl.replaceAll('.', '\\.')}$`,
          'm',
        ),
      );
      expect(run.stdout).toMatch(new RegExp(`^PASS {2}teams: +app ${appId} gets Bot Connector tokens from `, 'm'));
      expect(run.stdout).toMatch(/^WARN {2}teams: +no team for crisis-room channels \(teams\.teamId\)/m);
      expect(run.stdout + run.stderr).not.toContain(password);
      expect(run.code).toBe(0);
    } finally {
      await connector.close();
    }
  });
});

describe('crisisroom doctor never prints a secret', () => {
  test.each<[string, Record<string, string>]>([
    ['HTTP events', {}],
    ['Socket Mode', { SLACK_APP_TOKEN: secrets.appToken }],
  ])('%s: each secret only masked, in the summary and in every failure', async (_mode, extra) => {
    const healthy = await doctor(everything(extra));
    const failing = await doctor(everything({ ...extra, SLACK_API_URL: 'http://127.0.0.1:9/api/', STATUSPAGE_API_URL: 'http://127.0.0.1:9/v1' }));
    expect(failing.code).toBe(1);
    for (const run of [healthy, failing]) {
      const printed = run.stdout + run.stderr;
      for (const secret of Object.values(secrets)) expect(printed).not.toContain(secret);
      expect(printed).toContain('xoxb-…AB12');
      expect(printed).toContain('statuspage: page doctorpage01, key …GH78');
      expect(printed).toMatch(/e-mail: smtp:\/\/crisisroom:\*\*\*@127\.0\.0\.1/);
    }
    expect(healthy.stdout).toContain(
      extra.SLACK_APP_TOKEN ? 'Socket Mode with app token xapp-…EF56 (signing secret …CD34 unused)' : 'checked with signing secret …CD34',
    );
  });
});

describe('crisisroom doctor reads the database and changes nothing', () => {
  test('SQLite: a missing file is a WARN and is not created; once the server made it, its migrations PASS', async () => {
    const { env, dir } = workspace();
    const file = join(dir, 'data', 'crisisroom.db');
    const missing = await doctor(env);
    expect(missing.code).toBe(0);
    expect(missing.stdout).toContain(`WARN  database: SQLite ${file} does not exist yet (created at the first start)`);
    expect(existsSync(join(dir, 'data'))).toBe(false);
    mkdirSync(join(dir, 'data'));
    await (await openDatabase(`file:${file}`, systemClock)).close();
    const opened = await doctor(env);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(/^PASS {2}database: +all \d+ migrations applied/m);
    expect(opened.stdout).toMatch(/^WARN {2}clock: +nothing to verify the clock against/m);
  });

  test.runIf(withPostgres)('PostgreSQL never migrated: WARN that migrations are pending, and no table is created', async () => {
    const empty = await freshDatabase('postgresql');
    try {
      const run = await doctor({ ...workspace().env, DATABASE_URL: empty.url });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^WARN {2}database: +\d+ of \d+ migrations pending, applied at the next start: 20261125000000_init, /m);
      expect(run.stdout).toMatch(/^PASS {2}clock: +postgresql [+-]\d+\.\d{3} s/m);
      const client = new pg.Client({ connectionString: empty.url });
      await client.connect();
      const tables = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
      await client.end();
      expect(tables.rows).toEqual([]);
    } finally {
      await empty.dispose();
    }
  });

  test('PostgreSQL not answering: FAIL with the reason and the URL without its password', async () => {
    const run = await doctor({ ...workspace().env, DATABASE_URL: 'postgresql://crisisroom:db-password-0000@127.0.0.1:9/crisisroom' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}database: +cannot reach PostgreSQL postgresql:\/\/crisisroom:\*\*\*@127\.0\.0\.1:9\/crisisroom: .*ECONNREFUSED/m);
    expect(run.stdout).not.toContain('db-password-0000');
  });
});
