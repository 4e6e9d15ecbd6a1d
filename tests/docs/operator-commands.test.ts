import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/server.ts';
import { slashCommand } from '../fakes/slack/signed-request.ts';
import { databaseKinds, freshDatabase } from '../support/databases.ts';
import { root } from '../support/processes.ts';
import { newcomerEnv, runShell, startShell } from '../support/shell.ts';
import { asTyped } from '../support/typed.ts';

// An operator's commands, run as the README shows them from the checkout, each with its own data
// directory and a port of its own (the Quick start test holds 3000).
const dataDir = () => join(mkdtempSync(join(tmpdir(), 'crisisroom-operator-')), 'data');
const env = (extra: Record<string, string> = {}) => newcomerEnv({ CRISISROOM_DATA_DIR: dataDir(), PORT: '0', ...extra });
const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

describe('the operator commands of the README, as typed', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  test('e-mail updates: started with SMTP_URL and SMTP_FROM, the log names the server with its password masked', async () => {
    const server = startShell(asTyped(`SMTP_URL=smtp://mailer:secret@smtp.example.com:587 SMTP_FROM='Example Status <status@example.com>' npm start`), {
      cwd: root,
      env: env(),
    });
    cleanups.push(() => server.stop());
    const log = await server.waitFor(listening);
    expect(log).toContain('e-mail updates: through smtp://mailer:***@smtp.example.com:587 from Example Status <status@example.com>');
    expect(log).not.toContain('secret');
    const home = await (await fetch(listening.exec(log)![1]!)).text();
    expect(home).toMatch(/<form[^>]+action="\/subscribe"/);
  });

  test('Slack: started with a bot token and signing secret, a signed /incident command is answered', async () => {
    const fake: FakeSlack = await startFakeSlack({
      token: 'xoxb-readme-token',
      teamId: 'T0README',
      botUserId: 'U0BOT',
      users: [{ id: 'U0ALICE', name: 'alice', tz: 'America/Sao_Paulo', teamId: 'T0README' }],
      channels: [{ id: 'C0GENERAL', name: 'general', members: ['U0ALICE'] }],
    });
    cleanups.push(() => fake.close());
    const command = asTyped('SLACK_BOT_TOKEN=xoxb-… SLACK_SIGNING_SECRET=… PUBLIC_BASE_URL=https://status.example.com npm start', {
      SLACK_BOT_TOKEN: 'xoxb-readme-token',
      SLACK_SIGNING_SECRET: 'readme-signing-secret',
    });
    const server = startShell(command, { cwd: root, env: env({ SLACK_API_URL: fake.url }) });
    cleanups.push(() => server.stop());
    const url = listening.exec(await server.waitFor(listening))![1]!;
    const answer = await slashCommand(`${url}/slack/events`, 'readme-signing-secret', {
      text: 'help',
      user_id: 'U0ALICE',
      team_id: 'T0README',
      channel_id: 'C0GENERAL',
      response_url: fake.responseUrl(),
    });
    expect(answer.status).toBe(200);
    const forged = await slashCommand(`${url}/slack/events`, 'another-secret', {
      text: 'list',
      user_id: 'U0ALICE',
      team_id: 'T0README',
      channel_id: 'C0GENERAL',
      response_url: fake.responseUrl(),
    });
    expect(forged.status).toBe(401);
    expect(server.output()).not.toMatch(/xoxb-readme-token|readme-signing-secret/);
  });

  test.skipIf(!databaseKinds.includes('postgresql'))('PostgreSQL: DATABASE_URL selects it, and start-up migrates it', async () => {
    const database = await freshDatabase('postgresql');
    cleanups.push(() => database.dispose());
    const url = new URL(database.url);
    const command = asTyped('DATABASE_URL=postgresql://<user>@<host>:5432/<database> npm start', {
      user: url.username,
      host: url.hostname,
      database: url.pathname.slice(1),
    });
    expect(url.port || '5432').toBe('5432');
    const server = startShell(command, { cwd: root, env: env() });
    cleanups.push(() => server.stop());
    const log = await server.waitFor(listening);
    expect(log).toMatch(/listening on \S+ \(status page \S+, PostgreSQL\)/);
    const ready = await fetch(`${listening.exec(log)![1]!}/readyz`);
    expect(ready.status).toBe(200);
  });

  test('Teams: the app package, by npm run teams:package and by npx with --out', async () => {
    const teams = {
      TEAMS_APP_ID: '2f6d3c1a-8b4e-4d2a-9c7f-1e5b3a6d8c90',
      TEAMS_APP_PASSWORD: 'readme-client-secret',
      TEAMS_TENANT_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    };
    const packaged = await runShell(
      asTyped('TEAMS_APP_ID=… TEAMS_APP_PASSWORD=… TEAMS_TENANT_ID=… PUBLIC_BASE_URL=https://status.example.com npm run teams:package', teams),
      { cwd: root, env: env() },
    );
    expect(packaged.code, packaged.stderr).toBe(0);
    expect(packaged.stdout).toContain('dist/crisisroom-teams.zip');
    const out = join(mkdtempSync(join(tmpdir(), 'crisisroom-teams-')), 'app.zip');
    const byNpx = await runShell(asTyped('npx crisisroom teams-package --out <file>', { file: out }), {
      cwd: root,
      env: env({ ...teams, PUBLIC_BASE_URL: 'https://status.example.com' }),
    });
    expect(byNpx.code, byNpx.stderr).toBe(0);
    expect(readFileSync(out)).toEqual(readFileSync(join(root, 'dist/crisisroom-teams.zip')));
    expect(spawnSync('/usr/bin/unzip', ['-l', out], { encoding: 'utf8' }).stdout).toMatch(/manifest\.json[\s\S]*color\.png[\s\S]*outline\.png/);
  });

  test('npm test -- <files> runs just those files, once, and ends with their totals', async () => {
    const run = await runShell(asTyped('npm test -- <files>', { files: 'tests/smoke.test.ts' }), { cwd: root, env: env(), timeoutMs: 120_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('the unusual-environment pass is left out: only tests/smoke.test.ts was asked for');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^[1-9]\d* passed, 0 failed$/);
  }, 120_000);
});
