import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { manualClock } from '../../src/time/clock.ts';
import { type FakeLinear, startFakeLinear } from '../fakes/linear/server.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { dumpAll } from '../support/services.ts';

type App = Awaited<ReturnType<typeof startApp>>;

const apiKey = 'lin_api_fake0key0for0tests';
const secret = 'lin_wh_fake_secret';
const teamId = '9cfb482a-81e3-4154-b5b9-2c805e70a02d';

function configFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'crisisroom-linear-')), 'crisisroom.yaml');
  writeFileSync(path, `trackers:\n  linear:\n    teamId: ${teamId}\n`);
  return path;
}

test('Linear without LINEAR_API_KEY is refused at start-up', () => {
  expect(() => loadConfig({ CRISISROOM_CONFIG: configFile() })).toThrow(
    'environment: LINEAR_API_KEY is required with trackers.linear (a personal API key that may create issues in the team)',
  );
});

describe.each(databaseKinds)('follow-ups in Linear, on %s', (kind) => {
  const clock = manualClock(new Date('2021-09-15T13:50:00Z'));
  const log: string[] = [];
  let linear: FakeLinear;
  let database: TestDatabase;
  let app: App;
  const say = (line: string) => app.runConsoleLine({ user: 'alice', line: `/incident ${line}` });
  const followUp = (id: number) => app.db.prisma.followUp.findUniqueOrThrow({ where: { id } });
  const hook = () => ({ url: `${app.url}/trackers/linear`, secret, at: clock.now() });

  beforeAll(async () => {
    linear = await startFakeLinear({ apiKey, teamId, teamKey: 'ENG' });
    database = await freshDatabase(kind);
    const config = loadConfig({
      CRISISROOM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'crisisroom-linear-')), 'data'),
      PORT: '0',
      DATABASE_URL: database.url,
      CRISISROOM_CONFIG: configFile(),
      LINEAR_API_KEY: apiKey,
      LINEAR_WEBHOOK_SECRET: secret,
      LINEAR_API_URL: linear.url,
    });
    app = await startApp(config, clock, (message, error) => log.push(`${message}${error ? ` :: ${String(error)}` : ''}`));
    await say('declare Checkout is slow');
  });
  afterAll(async () => {
    await app?.stop();
    await linear?.close();
    await database?.dispose();
  });

  test('Linear down when the follow-up is added: retried, created once, and listed with its link', async () => {
    linear.failNext({ status: 502 });
    await say('followup add INC-1 Alert on queue depth');
    await app.settle();
    expect(linear.issues).toHaveLength(0);
    clock.advance(5 * 60_000);
    await app.settle();
    expect(linear.issues).toEqual([
      {
        identifier: 'ENG-1',
        title: 'Alert on queue depth',
        state: 'unstarted',
        description: [
          'Follow-up F1 of INC-1 Checkout is slow, from crisisroom.',
          'Owner: none. Due: no due day. Public: no.',
          'Closing this issue marks the follow-up done in crisisroom; reopening it opens it again.',
          '[crisisroom-follow-up: F1]',
        ].join('\n\n'),
      },
    ]);
    expect(linear.requests.map((request) => `${request.operation} ${request.status}`)).toEqual(['? 502', 'issues 200', 'issueCreate 200']);
    expect(await followUp(1)).toMatchObject({ trackerKind: 'linear', trackerKey: 'ENG-1', trackerUrl: 'https://linear.app/acme/issue/eng-1' });
    expect(await say('followup list INC-1')).toContain('· open · https://linear.app/acme/issue/eng-1');
    expect(log.join('\n')).not.toContain(apiKey);
  });

  test('the answer lost: found by its marker, not created twice; rate limited: waits until the reset', async () => {
    linear.failNext({ drop: true }, { rateLimitedUntil: clock.now().getTime() + 20 * 60_000 });
    await say('followup add INC-1 Rotate the session keys');
    await app.settle();
    clock.advance(5 * 60_000);
    await app.settle();
    clock.advance(10 * 60_000);
    await app.settle();
    expect((await followUp(2)).trackerKey).toBeNull();
    clock.advance(5 * 60_000 + 1000);
    await app.settle();
    expect((await followUp(2)).trackerKey).toBe('ENG-2');
    expect(linear.issues).toHaveLength(2);
  });

  test('completed in Linear (a signed webhook): done here, once; a bad signature or an old timestamp changes nothing; back to Todo: open', async () => {
    const done = await linear.moveTo('ENG-1', 'completed', hook());
    expect(done).toMatchObject({ status: 200, body: { result: 'changed' } });
    expect(await followUp(1)).toMatchObject({ state: 'done', doneByName: 'Ada Lovelace (Linear)' });
    const before = await dumpAll(app.db);
    expect(await linear.moveTo('ENG-1', 'completed', { ...hook(), delivery: done.delivery })).toMatchObject({ status: 200, body: { result: 'unchanged' } });
    expect(await linear.moveTo('ENG-1', 'unstarted', { ...hook(), sign: 'wrong' })).toMatchObject({ status: 401 });
    expect(await linear.moveTo('ENG-1', 'unstarted', { ...hook(), at: new Date(clock.now().getTime() - 5 * 60_000) })).toMatchObject({ status: 401 });
    expect(await dumpAll(app.db)).toBe(before);
    expect(await linear.moveTo('ENG-1', 'unstarted', hook())).toMatchObject({ status: 200, body: { result: 'changed' } });
    expect((await followUp(1)).state).toBe('open');
  });
});
