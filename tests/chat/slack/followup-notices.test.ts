import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { manualClock } from '../../../src/time/clock.ts';
import { type FakeGithub, startFakeGithub } from '../../fakes/github/server.ts';
import { slackWorld } from '../../support/slack-app.ts';
import { eventually } from '../../support/processes.ts';

// Wednesday 2021-09-15 10:50 in Sao Paulo (UTC-3), the page's zone.
const clock = manualClock(new Date('2021-09-15T13:50:00Z'));

describe('Slack: owners reminded of overdue follow-ups in the crisis room', () => {
  let w: Awaited<ReturnType<typeof slackWorld>>;
  let room: string;
  const reminders = () =>
    w.fake
      .messages(room)
      .map((message) => message.text ?? '')
      .filter((text) => text.startsWith(':alarm_clock:'));

  // Slack signs a request with its own time, which is crisisroom's clock's.
  const say = (who: 'alice' | 'bob', channel: string, text: string) => w.command(who, channel, text, { timestamp: Math.floor(clock.now().getTime() / 1000) });

  beforeAll(async () => {
    w = await slackWorld({ clock, followUps: { remindAt: '09:00' }, remindersIntervalMs: 25 });
    await say('alice', 'C0GENERAL', 'declare Checkout is slow');
    room = w.fake.channel('inc-1-checkout-is-slow')!.id;
    await say('alice', room, 'followup add Alert on queue depth <&> --owner <@U0BOB|bob> --due today');
    await say('alice', room, 'followup add Write the runbook --due today');
  });
  afterAll(async () => w?.stop());

  test('the morning after the due day, one message names each overdue follow-up, mentioning a Slack owner; once that day', async () => {
    clock.set(new Date('2021-09-16T11:59:00Z'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reminders()).toEqual([]);

    clock.set(new Date('2021-09-16T12:00:00Z'));
    await eventually(async () => expect(reminders()).toHaveLength(1), 10_000);
    await w.app.settle();
    expect(reminders()).toEqual([
      [
        ':alarm_clock: 2 follow-ups of INC-1 are overdue:',
        '• F1 Alert on queue depth &lt;&amp;&gt; · <@U0BOB> · due 2021-09-15',
        '• F2 Write the runbook · no owner · due 2021-09-15',
        'Once one is done, tell crisisroom: /incident followup done with its number.',
      ].join('\n'),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reminders()).toHaveLength(1);
  });

  test('a follow-up done is not reminded of the next day', async () => {
    await say('bob', room, 'followup done F1');
    clock.set(new Date('2021-09-17T12:00:00Z'));
    await eventually(async () => expect(reminders()).toHaveLength(2), 10_000);
    expect(reminders()[1]).toBe(
      [
        ':alarm_clock: A follow-up of INC-1 is overdue:',
        '• F2 Write the runbook · no owner · due 2021-09-15',
        'Once one is done, tell crisisroom: /incident followup done F2.',
      ].join('\n'),
    );
  });
});

describe('Slack: a follow-up whose tracker issue is given up is told of in the crisis room', () => {
  let w: Awaited<ReturnType<typeof slackWorld>>;
  let github: FakeGithub;

  beforeAll(async () => {
    github = await startFakeGithub({ token: 'ghp_right', repository: 'acme/platform' });
    const dir = mkdtempSync(join(tmpdir(), 'crisisroom-tracker-'));
    writeFileSync(join(dir, 'crisisroom.yaml'), 'trackers:\n  github:\n    repository: acme/platform\n');
    w = await slackWorld({ env: { CRISISROOM_CONFIG: join(dir, 'crisisroom.yaml'), GITHUB_TOKEN: 'ghp_revoked', GITHUB_API_URL: github.url } });
  });
  afterAll(async () => {
    await w?.stop();
    await github?.close();
  });

  test('GitHub refusing the token: given up at once, the room told why, the follow-up kept', async () => {
    await w.command('alice', 'C0GENERAL', 'declare Checkout is slow');
    const room = w.fake.channel('inc-1-checkout-is-slow')!.id;
    await w.command('alice', room, 'followup add Alert on queue depth');
    await eventually(
      async () =>
        expect(w.fake.messages(room).map((message) => message.text ?? '')).toContain(
          ":warning: crisisroom gave up creating F1's issue in GitHub for INC-1: GitHub refused GITHUB_TOKEN while creating an issue (401): Bad credentials. The follow-up is kept here, with no issue there.",
        ),
      10_000,
    );
    expect(github.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['POST 401']);
    expect(await w.app.db.prisma.followUp.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ state: 'open', trackerKey: null });
    expect(w.log.join('\n')).not.toContain('ghp_revoked');
  });
});
