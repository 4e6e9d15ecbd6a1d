import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cadenceActions } from '../../../src/chat/slack/blocks/cadence.ts';
import { manualClock } from '../../../src/time/clock.ts';
import { interaction } from '../../fakes/slack/signed-request.ts';
import { secret, slackWorld, submission } from '../../support/slack-app.ts';

// 10:00 in Sao Paulo (UTC-3), the room's zone. SEV1: an update every 30 min, reminded 10 min before.
const clock = manualClock(new Date('2021-09-15T13:00:00Z'));
const minutes = (n: number) => clock.advance(n * 60_000);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Lets the test clock run a second at a time until `done`: a post Slack rate-limited is retried when the clock says so. */
async function whileTimePasses(done: () => boolean) {
  for (let tick = 0; tick < 100 && !done(); tick++) {
    await pause(50);
    clock.advance(1000);
  }
  expect(done()).toBe(true);
}

describe('Slack: the update cadence reminds the room', () => {
  let w: Awaited<ReturnType<typeof slackWorld>>;
  let room: string;
  // Slack signs a request with its own time, which is crisisroom's clock's.
  const slackTime = () => Math.floor(clock.now().getTime() / 1000);
  const say = (who: 'alice' | 'bob', channel: string, text: string) => w.command(who, channel, text, { timestamp: slackTime() });
  const reminders = () => w.fake.messages(room).filter((message) => /^:(hourglass_flowing_sand|zzz): /.test(message.text ?? ''));

  beforeAll(async () => {
    w = await slackWorld({ clock, remindersIntervalMs: 25, configure: (config) => (config.cadence.idleMinutes = null) });
    await say('alice', 'C0GENERAL', 'declare Checkout is down --sev 1');
    room = w.fake.channel('inc-1-checkout-is-down')!.id;
    await say('alice', room, 'role communications <@U0BOB|bob>');
  });
  afterAll(async () => w?.stop());

  test('the communications lead, given the role, is brought into the room like a commander', () => {
    expect([...w.fake.channel('inc-1-checkout-is-down')!.members]).toContain('U0BOB');
  });

  test('ten minutes before the update is due: once, naming the commander and the communications lead, with buttons', async () => {
    minutes(19);
    await pause(200);
    expect(reminders()).toEqual([]);
    minutes(1);
    await whileTimePasses(() => reminders().length === 1);
    const [reminder] = reminders();
    expect(reminder!.text).toBe(
      ":hourglass_flowing_sand: INC-1's next public update is due by 10:30 GMT-03:00 (SEV1: every 30 min).\n" +
        '<@U0ALICE> and <@U0BOB>: draft it (/incident public …), or snooze the reminders (/incident snooze 30m).',
    );
    const buttons = (reminder!.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).flatMap((block) => block.elements ?? []);
    expect(buttons.map((button) => [button.action_id, button.value])).toEqual([
      [cadenceActions.draft, '1'],
      [cadenceActions.snooze, '1'],
    ]);
    await pause(200);
    expect(reminders()).toHaveLength(1);
  });

  test('restarted between two reminders: the overdue one comes once, the first is not said again', async () => {
    await w.restart();
    minutes(10);
    await whileTimePasses(() => reminders().length === 2);
    expect(reminders()[1]!.text).toMatch(
      /^:hourglass_flowing_sand: INC-1's next public update was due at 10:30 GMT-03:00 \(SEV1: every 30 min\): customers are waiting/,
    );
    await pause(200);
    expect(reminders()).toHaveLength(2);
  });

  test('Snooze holds the reminders back for 30 minutes, said to the one who clicked', async () => {
    const reminder = reminders()[1]!;
    const clicked = await w.click('bob', room, reminder.ts, cadenceActions.snooze, { timestamp: slackTime() });
    // Said in bob's zone, Lisbon.
    expect(clicked.reply).toBe('Update reminders snoozed until 15:00 GMT+01:00.');
    minutes(29);
    await pause(200);
    expect(reminders()).toHaveLength(2);
  });

  test('Draft an update opens a form from the last update; what is submitted waits for approval on its card', async () => {
    const reminder = reminders()[1]!;
    await w.click('bob', room, reminder.ts, cadenceActions.draft, { timestamp: slackTime() });
    const opened = w.fake.views.at(-1)!;
    const view = opened.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id: string; element: { initial_option?: { value: string } } }[];
    };
    expect(view.callback_id).toBe('new_draft');
    expect(view.blocks.find((block) => block.block_id === 'status')!.element.initial_option!.value).toBe('investigating');
    const form = submission(
      'bob',
      { id: opened.id, callback_id: 'new_draft', private_metadata: view.private_metadata },
      {
        status: { value: { type: 'static_select', selected_option: { value: 'identified' } } },
        body: { value: { type: 'plain_text_input', value: 'We found the cause: a bad deploy of the payment gateway.' } },
      },
    );
    expect((await interaction(w.endpoint, secret, form, { timestamp: slackTime() })).status).toBe(200);
    await w.app.settle();
    expect(await w.app.db.prisma.publicDraft.findFirstOrThrow({ where: { incidentId: 1 } })).toMatchObject({
      number: 1,
      status: 'identified',
      body: 'We found the cause: a bad deploy of the payment gateway.',
      authorName: 'bob',
      state: 'pending',
    });
  });
});
