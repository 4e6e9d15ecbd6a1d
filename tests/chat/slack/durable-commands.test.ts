import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { slashCommand, triggerId } from '../../fakes/slack/signed-request.ts';
import { eventually } from '../../support/processes.ts';
import { people, secret, slackWorld } from '../../support/slack-app.ts';

type World = Awaited<ReturnType<typeof slackWorld>>;

describe('slash commands are recorded before Slack hears they arrived, and done once', () => {
  let w: World;
  const notes = (text: string) => w.app.db.prisma.timelineEntry.count({ where: { text } });
  const jobs = () => w.app.db.prisma.job.findMany({ where: { kind: 'slack.command' }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    w = await slackWorld({ queuedCommandsLimit: 3 });
    await w.command('alice', 'C0GENERAL', 'declare Ticket distribution stopped');
  });
  afterAll(async () => {
    await w?.stop();
  });

  test('an acknowledged command is a job: done, answered, and kept with its reply', async () => {
    const run = await w.command('alice', 'C0GENERAL', 'note INC-1 the queue is draining');
    expect(run.status).toBe(200);
    expect(run.reply).toMatch(/^Noted on INC-1/);
    const [job] = (await jobs()).slice(-1);
    expect(job).toMatchObject({ state: 'done', queue: 'slack:command:T0HOME:U0ALICE' });
    expect(JSON.parse(job!.result!)).toEqual({ reply: run.replies[0]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') });
  });

  test('a reply Slack does not take is sent again; the note the command made is made once', async () => {
    w.fake.failNext('response_url', { status: 500 });
    const run = await w.command('alice', 'C0GENERAL', 'note INC-1 answered after a retry');
    // The retry comes after a backoff of up to a second.
    await eventually(async () => expect(w.fake.responses.filter((r) => r.url === run.responseUrl)).toHaveLength(1), 5000);
    expect(await notes('answered after a retry')).toBe(1);
    expect((await jobs()).at(-1)).toMatchObject({ state: 'done', attempts: 2, lastError: null });
  });

  test('beyond the bound the command is answered busy, with when to come back, and nothing is recorded', async () => {
    // Alice's commands run one after the other: while the first one's answer hangs, the others wait.
    w.fake.failNext('response_url', { hang: true });
    const send = (text: string) =>
      slashCommand(w.endpoint, secret, {
        text,
        user_id: people.alice.id,
        team_id: people.alice.teamId,
        channel_id: 'C0GENERAL',
        response_url: w.fake.responseUrl(),
        trigger_id: triggerId(),
      });
    const accepted = [await send('note INC-1 first in line'), await send('note INC-1 second'), await send('note INC-1 third')];
    expect(accepted.map((r) => [r.status, r.body])).toEqual([
      [200, ''],
      [200, ''],
      [200, ''],
    ]);
    const before = (await jobs()).length;
    const busy = await send('note INC-1 one too many');
    expect(busy.status).toBe(200);
    expect(JSON.parse(busy.body)).toEqual({
      response_type: 'ephemeral',
      text: expect.stringMatching(/^crisisroom is busy: 3 commands are waiting to be done\. Nothing was recorded; try again in \d+ s\.$/),
    });
    expect((await jobs()).length).toBe(before);
    // The hung answer times out, is sent again, and the three recorded notes follow in order.
    await eventually(async () => expect((await jobs()).filter((job) => job.state === 'pending')).toEqual([]), 15_000);
    const entries = await w.app.db.prisma.timelineEntry.findMany({ where: { kind: 'note' }, orderBy: { seq: 'asc' }, select: { text: true } });
    expect(entries.map((e) => e.text).slice(-3)).toEqual(['first in line', 'second', 'third']);
    expect(await notes('one too many')).toBe(0);
  });
});
