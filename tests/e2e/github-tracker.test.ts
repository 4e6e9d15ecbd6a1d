import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { manualClock } from '../../src/time/clock.ts';
import { type FakeGithub, startFakeGithub } from '../fakes/github/server.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { dumpAll } from '../support/services.ts';

type App = Awaited<ReturnType<typeof startApp>>;

const token = 'ghp_fake0token0for0tests';
const secret = 'webhook-secret-for-tests';
const repository = 'acme/platform';

function configFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crisisroom-github-'));
  const path = join(dir, 'crisisroom.yaml');
  writeFileSync(path, `trackers:\n  github:\n    repository: ${repository}\n    labels: [follow-up, incident]\n`);
  return path;
}

test('a repository without GITHUB_TOKEN is refused at start-up, naming the variable', () => {
  expect(() => loadConfig({ CRISISROOM_CONFIG: configFile() })).toThrow(
    'environment: GITHUB_TOKEN is required with trackers.github (a token that may create issues in acme/platform)',
  );
});

describe.each(databaseKinds)('follow-ups in GitHub Issues, on %s', (kind) => {
  const clock = manualClock(new Date('2021-09-15T13:50:00Z'));
  const log: string[] = [];
  let github: FakeGithub;
  let database: TestDatabase;
  let app: App;
  const say = (line: string) => app.runConsoleLine({ user: 'alice', line: `/incident ${line}` });
  const followUp = (id: number) => app.db.prisma.followUp.findUniqueOrThrow({ where: { id } });
  const hook = () => ({ url: `${app.url}/trackers/github`, secret });
  const created = () => github.requests.filter((request) => request.method === 'POST' && request.status !== 401);

  beforeAll(async () => {
    github = await startFakeGithub({ token, repository });
    database = await freshDatabase(kind);
    const config = loadConfig({
      CRISISROOM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'crisisroom-github-')), 'data'),
      PORT: '0',
      DATABASE_URL: database.url,
      CRISISROOM_CONFIG: configFile(),
      GITHUB_TOKEN: token,
      GITHUB_WEBHOOK_SECRET: secret,
      GITHUB_API_URL: github.url,
    });
    app = await startApp(config, clock, (message, error) => log.push(`${message}${error ? ` :: ${String(error)}` : ''}`));
    await say('declare Checkout is slow');
  });
  afterAll(async () => {
    await app?.stop();
    await github?.close();
    await database?.dispose();
  });

  test('GitHub down when the follow-up is added: retried, created once, with the documented shape, and listed with its link', async () => {
    github.failNext({ status: 500 });
    await say('followup add INC-1 Alert on queue depth  — p99 > 2s --owner bob --due 2021-09-30 --public');
    await app.settle();
    expect(github.issues).toHaveLength(0);
    expect((await followUp(1)).trackerKey).toBeNull();
    clock.advance(5 * 60_000);
    await app.settle();
    expect(github.issues).toHaveLength(1);
    const [issue] = github.issues;
    expect(issue!.title).toBe('Alert on queue depth  — p99 > 2s');
    expect(issue!.labels).toEqual(['follow-up', 'incident']);
    expect(issue!.body).toBe(
      [
        'Follow-up F1 of INC-1 Checkout is slow, from crisisroom.',
        'Owner: bob. Due: 2021-09-30. Public: named in the customer incident report.',
        'Closing this issue marks the follow-up done in crisisroom; reopening it opens it again.',
        '<!-- crisisroom-follow-up: F1 -->',
      ].join('\n\n'),
    );
    expect(await followUp(1)).toMatchObject({ trackerKind: 'github', trackerKey: 'acme/platform#1', trackerUrl: 'https://github.com/acme/platform/issues/1' });
    // The retry looked for an issue the failed request might have created before creating one.
    expect(github.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['POST 500', 'GET 200', 'POST 201']);
    expect(await say('followup list INC-1')).toContain(
      'F1 INC-1 Alert on queue depth  — p99 > 2s · owner bob · due 2021-09-30 · public · open · https://github.com/acme/platform/issues/1',
    );
    expect(log.join('\n')).not.toContain(token);
  });

  test('the answer lost after GitHub created the issue: found by its marker on the retry, not created twice', async () => {
    github.failNext({ drop: true });
    await say('followup add INC-1 Rotate the session keys');
    await app.settle();
    expect(github.issues).toHaveLength(2);
    expect((await followUp(2)).trackerKey).toBeNull();
    clock.advance(5 * 60_000);
    await app.settle();
    expect(github.issues).toHaveLength(2);
    expect((await followUp(2)).trackerKey).toBe('acme/platform#2');
    expect(created()).toHaveLength(3);
  });

  test('rate limited: the issue waits until the limit resets, then is created once', async () => {
    const reset = Math.floor(clock.now().getTime() / 1000) + 600;
    github.failNext({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } });
    await say('followup add INC-1 Page on error budget burn');
    await app.settle();
    clock.advance(5 * 60_000);
    await app.settle();
    expect((await followUp(3)).trackerKey).toBeNull();
    expect(github.issues).toHaveLength(2);
    clock.advance(5 * 60_000 + 1000);
    await app.settle();
    expect((await followUp(3)).trackerKey).toBe('acme/platform#3');
    expect(github.issues).toHaveLength(3);
  });

  test('a follow-up longer than a GitHub title: the title is cut, the body holds the whole text', async () => {
    const text = `Replace the queue ${'and its consumers '.repeat(20)}`.trim();
    await say(`followup add INC-1 ${text}`);
    await app.settle();
    expect((await followUp(4)).trackerKey).toBe('acme/platform#4');
    const issue = github.issues[3]!;
    expect([...issue.title]).toHaveLength(256);
    expect(issue.title.endsWith('…')).toBe(true);
    expect(issue.body).toContain(`\n\n${text}\n\n`);
  });

  test('closed on GitHub (a signed webhook): done here, on the timeline; redelivered, nothing changes again; reopened, open again', async () => {
    const closed = await github.setState(1, 'closed', { ...hook(), login: 'hubot' });
    expect(closed).toMatchObject({ status: 200, body: { result: 'changed' } });
    expect(await followUp(1)).toMatchObject({ state: 'done', doneById: 'api:github:hubot', doneByName: 'hubot (GitHub)' });
    const timeline = () => app.db.prisma.timelineEntry.findMany({ where: { incidentId: 1, kind: { in: ['followup_done', 'followup_reopened'] } } });
    expect((await timeline()).map((entry) => [entry.text, entry.actorName])).toEqual([
      ['Follow-up F1 done: Alert on queue depth  — p99 > 2s', 'hubot (GitHub)'],
    ]);
    const before = await dumpAll(app.db);
    const again = await github.setState(1, 'closed', { ...hook(), delivery: closed.delivery });
    expect(again).toMatchObject({ status: 200, body: { result: 'unchanged' } });
    expect(await dumpAll(app.db)).toBe(before);

    expect(await github.setState(1, 'open', hook())).toMatchObject({ status: 200, body: { result: 'changed' } });
    expect(await followUp(1)).toMatchObject({ state: 'open', doneAt: null });
    expect(await timeline()).toHaveLength(2);
    // The first closing delivered once more, after the reopening: it was done already, so it is not done again.
    expect(await github.setState(1, 'closed', { ...hook(), delivery: closed.delivery })).toMatchObject({ status: 200, body: { result: 'unchanged' } });
    expect((await followUp(1)).state).toBe('open');
  });

  test('a bad or missing signature is refused (401), malformed JSON is 400, an unknown issue is acknowledged: none changes anything', async () => {
    const before = await dumpAll(app.db);
    expect(await github.setState(2, 'closed', { ...hook(), sign: 'not-the-secret' })).toMatchObject({ status: 401 });
    const post = (body: string, headers: Record<string, string>) =>
      fetch(hook().url, { method: 'POST', body, headers: { 'x-github-event': 'issues', 'x-github-delivery': 'd-1', ...headers } });
    expect((await post('{}', {})).status).toBe(401);
    const signed = (body: string) => ({ 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` });
    expect((await post('{not json', signed('{not json'))).status).toBe(400);
    expect((await post('x'.repeat(1024 * 1024 + 1), {})).status).toBe(413);
    const unknown = JSON.stringify({ action: 'closed', issue: { number: 99 }, repository: { full_name: repository }, sender: { login: 'octocat' } });
    expect(await (await post(unknown, signed(unknown))).json()).toEqual({ result: 'unknown' });
    expect(await dumpAll(app.db)).toBe(before);
    expect((await followUp(2)).state).toBe('open');
  });
});
