import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { manualClock } from '../../src/time/clock.ts';
import { type FakeJira, startFakeJira } from '../fakes/jira/server.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { dumpAll } from '../support/services.ts';

type App = Awaited<ReturnType<typeof startApp>>;

const email = 'crisisroom@example.com';
const apiToken = 'ATATT-fake-token-for-tests';
const secret = 'jira-webhook-secret';

function configFile(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'crisisroom-jira-')), 'crisisroom.yaml');
  writeFileSync(path, yaml);
  return path;
}
const jiraYaml = (site: string) => `trackers:\n  jira:\n    site: ${site}\n    project: OPS\n    labels: [follow-up]\n`;

test('Jira without its account, or two trackers at once, is refused at start-up', () => {
  expect(() => loadConfig({ CRISISROOM_CONFIG: configFile(jiraYaml('https://acme.atlassian.net')), JIRA_API_TOKEN: apiToken })).toThrow(
    "environment: JIRA_EMAIL is required with trackers.jira (an Atlassian account's e-mail and API token)",
  );
  const both = `${jiraYaml('https://acme.atlassian.net')}  github:\n    repository: acme/platform\n`;
  expect(() => loadConfig({ CRISISROOM_CONFIG: configFile(both) })).toThrow('trackers: name one tracker: github, jira or linear');
});

describe.each(databaseKinds)('follow-ups in Jira Cloud, on %s', (kind) => {
  const clock = manualClock(new Date('2021-09-15T13:50:00Z'));
  const log: string[] = [];
  let jira: FakeJira;
  let database: TestDatabase;
  let app: App;
  const say = (line: string) => app.runConsoleLine({ user: 'alice', line: `/incident ${line}` });
  const followUp = (id: number) => app.db.prisma.followUp.findUniqueOrThrow({ where: { id } });
  const hook = () => ({ url: `${app.url}/trackers/jira`, secret });

  beforeAll(async () => {
    jira = await startFakeJira({ email, apiToken, project: 'OPS' });
    database = await freshDatabase(kind);
    const config = loadConfig({
      CRISISROOM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'crisisroom-jira-')), 'data'),
      PORT: '0',
      DATABASE_URL: database.url,
      CRISISROOM_CONFIG: configFile(jiraYaml(jira.url)),
      JIRA_EMAIL: email,
      JIRA_API_TOKEN: apiToken,
      JIRA_WEBHOOK_SECRET: secret,
    });
    app = await startApp(config, clock, (message, error) => log.push(`${message}${error ? ` :: ${String(error)}` : ''}`));
    await say('declare Checkout is slow');
  });
  afterAll(async () => {
    await app?.stop();
    await jira?.close();
    await database?.dispose();
  });

  test('Jira down when the follow-up is added: retried, created once, in the documented shape, and listed with its link', async () => {
    jira.failNext({ status: 503 });
    await say('followup add INC-1 Alert on queue depth --owner bob --due 2021-09-30');
    await app.settle();
    expect(jira.issues).toHaveLength(0);
    clock.advance(5 * 60_000);
    await app.settle();
    expect(jira.issues).toEqual([
      {
        key: 'OPS-1',
        summary: 'Alert on queue depth',
        labels: ['follow-up', 'crisisroom-F1'],
        category: 'new',
        description: {
          type: 'doc',
          version: 1,
          content: [
            'Follow-up F1 of INC-1 Checkout is slow, from crisisroom.',
            'Owner: bob. Due: 2021-09-30. Public: no.',
            'Closing this issue marks the follow-up done in crisisroom; reopening it opens it again.',
          ].map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
        },
      },
    ]);
    expect(jira.requests.map((request) => `${request.path} ${request.status}`)).toEqual([
      '/rest/api/3/issue 503',
      '/rest/api/3/search/jql 200',
      '/rest/api/3/issue 201',
    ]);
    expect(await followUp(1)).toMatchObject({ trackerKind: 'jira', trackerKey: 'OPS-1', trackerUrl: `${jira.url}/browse/OPS-1` });
    expect(await say('followup list INC-1')).toContain(`· open · ${jira.url}/browse/OPS-1`);
    expect(log.join('\n')).not.toContain(apiToken);
  });

  test('the answer lost after Jira created the issue: found by its label, not created twice; a rate limit waits', async () => {
    jira.failNext({ drop: true });
    await say('followup add INC-1 Rotate the session keys');
    await app.settle();
    expect(jira.issues).toHaveLength(2);
    jira.failNext({ status: 429, headers: { 'retry-after': '600' } });
    clock.advance(5 * 60_000);
    await app.settle();
    clock.advance(5 * 60_000);
    await app.settle();
    expect((await followUp(2)).trackerKey).toBeNull();
    clock.advance(5 * 60_000 + 1000);
    await app.settle();
    expect((await followUp(2)).trackerKey).toBe('OPS-2');
    expect(jira.issues).toHaveLength(2);
  });

  test('done in Jira (a signed webhook): done here, once; back to To Do: open again; a bad signature changes nothing', async () => {
    const done = await jira.moveTo('OPS-1', 'done', hook());
    expect(done).toMatchObject({ status: 200, body: { result: 'changed' } });
    expect(await followUp(1)).toMatchObject({ state: 'done', doneByName: 'Mia Krystof (Jira)' });
    const before = await dumpAll(app.db);
    expect(await jira.moveTo('OPS-1', 'done', { ...hook(), delivery: done.delivery })).toMatchObject({ status: 200, body: { result: 'unchanged' } });
    expect(await jira.moveTo('OPS-1', 'new', { ...hook(), sign: 'wrong' })).toMatchObject({ status: 401 });
    expect(await dumpAll(app.db)).toBe(before);
    expect(await jira.moveTo('OPS-1', 'new', hook())).toMatchObject({ status: 200, body: { result: 'changed' } });
    expect((await followUp(1)).state).toBe('open');
    const entries = await app.db.prisma.timelineEntry.findMany({ where: { kind: { in: ['followup_done', 'followup_reopened'] } }, orderBy: { seq: 'asc' } });
    expect(entries.map((entry) => [entry.kind, entry.actorName])).toEqual([
      ['followup_done', 'Mia Krystof (Jira)'],
      ['followup_reopened', 'Mia Krystof (Jira)'],
    ]);
  });
});
