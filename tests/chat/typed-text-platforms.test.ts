import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { interaction, messageShortcut } from '../fakes/slack/signed-request.ts';
import { type TestDatabase, databaseKinds, freshDatabase } from '../support/databases.ts';
import { dumpAll } from '../support/services.ts';
import { people, secret, slackWorld, submission } from '../support/slack-app.ts';
import { fromTeamsHtml } from '../support/surfaces.ts';
import { teamsWorld } from '../support/teams-app.ts';

const control = 'a control character that the status page, feeds and chat cannot show as typed; remove it.';
const override = 'it makes text display in another order than it is stored; use U+200F RIGHT-TO-LEFT MARK or U+200E LEFT-TO-RIGHT MARK instead.';

describe.each(databaseKinds)('Slack refuses what the text rule refuses, saying so, on %s', (kind) => {
  let database: TestDatabase;
  let w: Awaited<ReturnType<typeof slackWorld>>;
  let room: string;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    w = await slackWorld({ databaseUrl: database.url });
    await w.command('alice', 'C0GENERAL', 'declare Checkout is slow');
    room = w.fake.channel('inc-1-checkout-is-slow')!.id;
  });
  afterAll(async () => {
    await w?.stop();
    await database?.dispose();
  });

  test('a signed /incident note with a NUL is answered with the character and where it is; nothing is stored', async () => {
    const stored = await dumpAll(w.app.db);
    const typed = await w.command('alice', room, 'note cache\u0000 flushed');
    expect(typed.reply).toBe(`The note has U+0000 NULL at character 6: ${control}`);
    expect(await dumpAll(w.app.db)).toBe(stored);
  });

  test('the declare form shows a refused character on its title field, and declares nothing', async () => {
    const stored = await dumpAll(w.app.db);
    const form = submission(
      'alice',
      { id: 'V0RLO', callback_id: 'declare_incident' },
      {
        title: { value: { type: 'plain_text_input', value: 'Payments \u202Enwod' } },
        severity: { value: { type: 'static_select', selected_option: { value: '3' } } },
        commander: { value: { type: 'users_select', selected_user: people.alice.id } },
      },
    );
    const answer = await interaction(w.endpoint, secret, form);
    expect(JSON.parse(answer.body)).toEqual({
      response_action: 'errors',
      errors: { title: `The title has U+202E RIGHT-TO-LEFT OVERRIDE at character 10: ${override}` },
    });
    expect(await dumpAll(w.app.db)).toBe(stored);
  });

  test('"Add to incident timeline" on a message with a C1 control is refused by the service, in words', async () => {
    const stored = await dumpAll(w.app.db);
    const said = 'queue\u0085drained';
    const ts = w.fake.userMessage(room, people.carol.id, said);
    const responseUrl = w.fake.responseUrl();
    await interaction(
      w.endpoint,
      secret,
      messageShortcut({
        callbackId: 'add_to_timeline',
        responseUrl,
        user: { id: people.alice.id, name: 'alice' },
        channel: { id: room, name: 'inc-1-checkout-is-slow' },
        message: { user: people.carol.id, ts, text: said },
      }),
    );
    await w.app.settle();
    const replies = w.fake.responses.filter((r) => r.url === responseUrl).map((r) => (r.body as { text: string }).text);
    expect(replies).toEqual([`The note has U+0085 NEXT LINE at character 6: ${control}`]);
    expect(await dumpAll(w.app.db)).toBe(stored);
  });
});

describe.each(databaseKinds)('Teams keeps what is typed, line breaks included, or refuses it in words, on %s', (kind) => {
  let database: TestDatabase;
  let w: Awaited<ReturnType<typeof teamsWorld>>;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    w = await teamsWorld({ databaseUrl: database.url });
    await w.send('alice', 'declare Checkout is slow');
  });
  afterAll(async () => {
    await w?.stop();
    await database?.dispose();
  });

  test('a public update with U+202E is refused, naming it; nothing is stored', async () => {
    const stored = await dumpAll(w.app.db);
    const sent = await w.send('alice', 'public INC-1 investigating We are \u202Eti no');
    expect(fromTeamsHtml(sent.reply)).toBe(`The public update has U+202E RIGHT-TO-LEFT OVERRIDE at character 8: ${override}`);
    expect(await dumpAll(w.app.db)).toBe(stored);
  });

  test('a note typed on several lines keeps its lines and its spaces, as typed', async () => {
    // Teams sends the line breaks of a message as CR LF: that is how it writes the line break typed.
    await w.send('alice', 'note INC-1 first  line\r\n\r\nsecond\tline');
    const notes = await w.app.db.prisma.timelineEntry.findMany({ where: { incidentId: 1, kind: 'note' } });
    expect(notes.map((note) => note.text)).toEqual(['first  line\n\nsecond\tline']);
  });
});
