import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cadenceVerbs } from '../../../src/chat/teams/cards/cadence-card.ts';
import { manualClock, systemClock } from '../../../src/time/clock.ts';
import { cardIn, execute } from '../../support/teams-invoke.ts';
import { cardWords, channels, people, teamsWorld } from '../../support/teams-app.ts';

type World = Awaited<ReturnType<typeof teamsWorld>>;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Teams: the update cadence reminds the room', () => {
  let w: World;
  let room: string;
  // Teams signs its requests with today's time: the clock starts now and moves on from there.
  const clock = manualClock(systemClock.now());
  const reminders = () =>
    w.connector.received.filter(
      (r) => r.method === 'POST' && r.conversationId === room && /^INC-1: (next public update due|nothing recorded)/.test(String(r.body.summary ?? '')),
    );

  beforeAll(async () => {
    w = await teamsWorld({ clock, teams: { teamId: '3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d', incidentsChannelId: channels.incidents }, remindersIntervalMs: 25 });
    await w.send('alice', 'declare Checkout is down --sev 1');
    room = (await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 1, platform: 'teams' } })).channelId;
    const bob = { type: 'mention', text: `<at>${people.bob.name}</at>`, mentioned: { id: people.bob.id, name: people.bob.name } };
    const given = await w.send('alice', `role communications <at>${people.bob.name}</at>`, { extraEntities: [bob] });
    // The answer, then the room told of its new communications lead, brought in as a commander would be.
    expect(given.replies.map((r) => String(r.body.text ?? '')).filter(Boolean)).toEqual([
      'Bob Lima is now the communications lead of INC-1.',
      "Added <at>Bob Lima</at> to this channel as the incident's communications lead.",
    ]);
  });
  afterAll(async () => w?.stop());

  test('ten minutes before the update is due: a card in the room, once, mentioning the commander and the communications lead', async () => {
    clock.advance(20 * 60_000);
    for (let tick = 0; tick < 100 && reminders().length === 0; tick++) await pause(50);
    await pause(200);
    expect(reminders()).toHaveLength(1);
    const card = cardIn(reminders()[0]!.body)!;
    expect(cardWords(reminders()[0]!.body)).toMatch(
      // The card's mentions come first, then what it says.
      /^<at>Alice Silva<\/at>\n<at>Bob Lima<\/at>\n⏳ INC-1's next public update is due by \d\d:\d\d GMT-03:00 \(SEV1: every 30 min\)\.\n<at>Alice Silva<\/at> and <at>Bob Lima<\/at>: draft it \(@crisisroom public …\), or snooze the reminders \(@crisisroom snooze 30m\)\.\nDraft an update\nSnooze 30 min$/,
    );
    expect(card.msteams).toEqual({
      entities: [
        { type: 'mention', text: '<at>Alice Silva</at>', mentioned: { id: people.alice.aadObjectId, name: 'Alice Silva' } },
        { type: 'mention', text: '<at>Bob Lima</at>', mentioned: { id: people.bob.aadObjectId, name: 'Bob Lima' } },
      ],
    });
  });

  test('Draft an update answers with a form; a refused text is shown again; Draft makes the draft that waits for approval', async () => {
    const form = await execute(w, 'bob', cadenceVerbs.draft, { incident: 1 }, { conversationId: room });
    expect(form.answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(form.answer!.value)).toContain(cadenceVerbs.saveDraft);
    const refused = await execute(w, 'bob', cadenceVerbs.saveDraft, { incident: 1, status: 'identified', body: '' }, { conversationId: room });
    expect(refused.answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(refused.answer!.value)).toContain('Write what customers will read.');
    const drafted = await execute(
      w,
      'bob',
      cadenceVerbs.saveDraft,
      { incident: 1, status: 'identified', body: 'A bad deploy of the payment gateway.' },
      { conversationId: room },
    );
    expect(drafted.answer).toMatchObject({ statusCode: 200, value: 'Drafted D1: it waits for approval on its card.' });
    expect(await w.app.db.prisma.publicDraft.findFirstOrThrow({ where: { incidentId: 1 } })).toMatchObject({
      status: 'identified',
      authorName: 'Bob Lima',
      state: 'pending',
    });
  });

  test('Snooze holds the reminders back, said to the one who clicked in their zone', async () => {
    const snoozed = await execute(w, 'carol', cadenceVerbs.snooze, { incident: 1 }, { conversationId: room });
    expect(snoozed.answer).toMatchObject({ statusCode: 200, value: expect.stringMatching(/^Update reminders snoozed until \d\d:\d\d GMT-03:00\.$/) });
    clock.advance(20 * 60_000);
    await pause(300);
    expect(reminders()).toHaveLength(1);
    expect(await w.app.db.prisma.incident.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ cadenceSnoozedUntil: expect.any(Date) });
  });
});
