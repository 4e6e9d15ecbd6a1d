import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { interaction, messageShortcut } from '../../fakes/slack/signed-request.ts';
import { people, secret, slackWorld, submission } from '../../support/slack-app.ts';

type World = Awaited<ReturnType<typeof slackWorld>>;
const textOf = (message: { text: string; blocks: unknown }) => `${message.text}\n${JSON.stringify(message.blocks)}`;

describe('Slack forms, buttons and shortcuts', () => {
  let w: World;
  beforeAll(async () => {
    w = await slackWorld();
  });
  afterAll(async () => {
    await w?.stop();
  });

  test('/incident declare with nothing else opens the declare form; submitting it declares once, with the chosen commander', async () => {
    const typed = await w.command('alice', 'C0GENERAL', 'declare');
    expect(typed.reply).toBe('');
    const opened = w.fake.views.at(-1)!;
    expect((opened.view as { callback_id: string }).callback_id).toBe('declare_incident');
    const values = {
      title: { value: { type: 'plain_text_input', value: 'Desk tickets not distributed' } },
      severity: { value: { type: 'static_select', selected_option: { value: '2' } } },
      components: { value: { type: 'multi_static_select', selected_options: [{ value: 'Portal' }] } },
      commander: { value: { type: 'users_select', selected_user: people.bob.id } },
    };
    const form = submission('alice', { id: opened.id, callback_id: 'declare_incident' }, values);
    expect((await interaction(w.endpoint, secret, form)).status).toBe(200);
    // Slack delivers the same submission again: still one incident.
    expect((await interaction(w.endpoint, secret, form, { retryNum: 1 })).status).toBe(200);
    await w.app.settle();
    const list = await w.command('alice', 'C0GENERAL', 'list');
    expect(list.reply.match(/Desk tickets not distributed/g)).toHaveLength(1);
    expect(list.reply).toContain('SEV2 · commander bob');
    const room = w.fake.channel('inc-1-desk-tickets-not-distributed')!;
    expect([...room.members].sort()).toEqual(['U0ALICE', 'U0BOB', 'U0BOT', 'U0CAROL']);
  });

  test('a form with a missing title is answered with the error beside the field, and nothing is declared', async () => {
    const form = submission(
      'alice',
      { id: 'V0BAD', callback_id: 'declare_incident' },
      {
        title: { value: { type: 'plain_text_input', value: '   ' } },
        severity: { value: { type: 'static_select', selected_option: { value: '3' } } },
        commander: { value: { type: 'users_select', selected_user: people.alice.id } },
      },
    );
    const answer = await interaction(w.endpoint, secret, form);
    expect(JSON.parse(answer.body)).toEqual({ response_action: 'errors', errors: { title: 'Give the incident a title.' } });
    expect((await w.command('alice', 'C0GENERAL', 'list')).reply).not.toContain('INC-2');
  });

  test('Edit opens the draft in a form for the commander only; the edited text is what the card then shows', async () => {
    const room = w.fake.channel('inc-1-desk-tickets-not-distributed')!;
    await w.command('alice', room.id, 'public investigating Tickets are not being distribted.');
    const card = w.fake.messages(room.id).at(-1)!;
    expect((await w.click('alice', room.id, card.ts, 'draft_edit')).reply).toBe('Only the commander of INC-1 (bob) can edit D1.');
    await w.click('bob', room.id, card.ts, 'draft_edit');
    const opened = w.fake.views.at(-1)!;
    const view = opened.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('edit_draft');
    const form = submission(
      'bob',
      { id: opened.id, callback_id: 'edit_draft', private_metadata: view.private_metadata },
      {
        status: { value: { type: 'static_select', selected_option: { value: 'identified' } } },
        body: { value: { type: 'plain_text_input', value: 'Ticket distribution stopped: agent statuses were dated 2022.' } },
      },
    );
    expect((await interaction(w.endpoint, secret, form)).status).toBe(200);
    await w.app.settle();
    const updated = w.fake.messages(room.id).find((m) => m.ts === card.ts)!;
    expect(textOf(updated)).toContain('agent statuses were dated 2022');
    expect(textOf(updated)).not.toContain('distribted');
    const timeline = await w.command('bob', room.id, 'timeline');
    expect(timeline.reply).toContain('Public update D1 edited by bob (identified)');
  });

  test('"Add to incident timeline" records a message with its author, its own time and a permalink', async () => {
    const room = w.fake.channel('inc-1-desk-tickets-not-distributed')!;
    const said = w.fake.userMessage(room.id, people.carol.id, 'agents show status dated 2022 <!here>');
    const responseUrl = w.fake.responseUrl();
    const shortcut = (channel: { id: string; name: string }, ts: string) =>
      messageShortcut({
        callbackId: 'add_to_timeline',
        responseUrl,
        user: { id: people.alice.id, name: 'alice' },
        channel,
        message: { user: people.carol.id, ts, text: 'agents show status dated 2022 <!here>' },
      });
    expect((await interaction(w.endpoint, secret, shortcut({ id: room.id, name: room.name }, said))).status).toBe(200);
    await w.app.settle();
    expect(w.fake.responses.filter((r) => r.url === responseUrl).map((r) => (r.body as { text: string }).text)).toEqual([
      expect.stringMatching(/^Added to the timeline of INC-1 \(#\d+\)\.$/),
    ]);
    const timeline = await w.command('alice', room.id, 'timeline');
    expect(timeline.reply).toMatch(/carol: agents show status dated 2022 &lt;!here&gt; \(https:\/\/fake\.slack\.test\/archives\//);

    const outside = await interaction(w.endpoint, secret, {
      ...shortcut({ id: 'C0GENERAL', name: 'general' }, w.fake.userMessage('C0GENERAL', people.carol.id, 'hi')),
      response_url: w.fake.responseUrl(),
    });
    expect(outside.status).toBe(200);
  });

  test('"Add as key moment" records a message as a key moment of the incident report', async () => {
    const room = w.fake.channel('inc-1-desk-tickets-not-distributed')!;
    const said = w.fake.userMessage(room.id, people.carol.id, 'reprocessing the messages dated 2022 now');
    const responseUrl = w.fake.responseUrl();
    const shortcut = messageShortcut({
      callbackId: 'add_key_moment',
      responseUrl,
      user: { id: people.alice.id, name: 'alice' },
      channel: { id: room.id, name: room.name },
      message: { user: people.carol.id, ts: said, text: 'reprocessing the messages dated 2022 now' },
    });
    expect((await interaction(w.endpoint, secret, shortcut)).status).toBe(200);
    await w.app.settle();
    const answer = w.fake.responses.find((r) => r.url === responseUrl)!.body as { text: string };
    expect(answer.text).toMatch(/^Added to the timeline of INC-1 \(#\d+\) as a key moment\.$/);
    const entry = await w.app.db.prisma.timelineEntry.findFirstOrThrow({ where: { text: { startsWith: 'carol: reprocessing the messages' } } });
    expect(entry.key).toBe(true);
    expect(entry.occurredAt.getTime()).toBe(Math.floor(Number(said) * 1000));
  });

  test('a command is acknowledged even while Slack itself does not answer', async () => {
    w.fake.failNext('users.info', { hang: true });
    w.fake.failNext('users.info', { hang: true });
    const typed = await w.command('dave', 'C0GENERAL', 'list');
    expect(typed.status).toBe(200);
    expect(typed.reply).toBe('That could not be done: a request to Slack did not get through. The operator log has the details.');
  });
});
