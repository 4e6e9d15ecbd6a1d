import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { timelineCommandId } from '../../../src/chat/teams/listeners/timeline-action.ts';
import { systemClock } from '../../../src/time/clock.ts';
import { channels, people, teamId, teamsWorld } from '../../support/teams-app.ts';
import { invoke } from '../../support/teams-invoke.ts';
import { openCardRenderer } from '../../support/adaptive-cards.ts';
import { chromiumAvailable } from '../../support/chromium.ts';

const hasChromium = chromiumAvailable("rendering the timeline action's dialog card");

type World = Awaited<ReturnType<typeof teamsWorld>>;

/** The message Teams hands a message action: the one it was used on, as Microsoft Graph describes messages. */
function messagePayload(options: { id?: string; html: string; sentAt: Date; author?: string }) {
  const id = options.id ?? String(Math.floor(Math.random() * 1e13));
  return {
    id,
    createdDateTime: options.sentAt.toISOString(),
    from: { user: { id: people.bob.aadObjectId, displayName: options.author ?? people.bob.name, userIdentityType: 'aadUser' } },
    body: { contentType: 'html', content: options.html },
    linkToMessage: `https://teams.microsoft.com/l/message/19%3Aroom%40thread.tacv2/${id}?tenantId=t`,
    mentions: [],
  };
}

const submit = (w: World, conversationId: string, payload: unknown, id = randomUUID(), data: Record<string, string> = {}) =>
  invoke(
    w,
    'alice',
    'composeExtension/submitAction',
    { commandId: timelineCommandId, commandContext: 'message', botMessagePreviewAction: undefined, data, messagePayload: payload },
    { conversationId, activityId: id },
  );

const entries = (w: World) => w.app.db.prisma.timelineEntry.findMany({ where: { incidentId: 1, kind: 'note' }, orderBy: { seq: 'asc' } });

describe('"Add to incident timeline", the Teams message action', () => {
  let w: World;
  let room: string;
  beforeAll(async () => {
    w = await teamsWorld({ teams: { teamId } });
    await w.send('alice', 'declare Ticket distribution stopped --sev 2');
    room = (await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 1, platform: 'teams' } })).channelId;
  });
  afterAll(async () => w?.stop());

  test('records the message at the time it was sent, with its author and its link, once for a repeated invoke', async () => {
    const sentAt = new Date(systemClock.now().getTime() - 7 * 60_000);
    const payload = messagePayload({ html: '<p>Queue depth is 40k</p>', sentAt });
    const id = randomUUID();
    const first = await submit(w, `${room};messageid=${payload.id}`, payload, id);
    expect(first.status).toBe(200);
    expect(first.answer).toEqual({ task: { type: 'message', value: expect.stringMatching(/^Added to the timeline of INC-1 \(#\d+\)\.$/) } });
    const again = await submit(w, `${room};messageid=${payload.id}`, payload, id);
    expect(again.answer?.task.value).toMatch(/already handled/);
    const notes = await entries(w);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      text: `${people.bob.name}: Queue depth is 40k (${payload.linkToMessage})`,
      actorName: people.alice.name,
      platform: 'teams',
    });
    expect(notes[0]!.occurredAt.toISOString()).toBe(sentAt.toISOString());
    expect(notes[0]!.recordedAt.getTime()).toBeGreaterThan(sentAt.getTime());
  });

  test('with the dialog’s toggle on, the message is a key moment of the incident report; off, a note like any other', async () => {
    const payload = messagePayload({ html: '<p>Reprocessing started</p>', sentAt: new Date(systemClock.now().getTime() - 60_000) });
    const done = await submit(w, room, payload, randomUUID(), { key: 'true' });
    expect(done.answer?.task.value).toMatch(/^Added to the timeline of INC-1 \(#\d+\) as a key moment\.$/);
    expect((await entries(w)).at(-1)).toMatchObject({ text: expect.stringContaining('Reprocessing started'), key: true });
    await submit(w, room, messagePayload({ html: '<p>Coffee</p>', sentAt: new Date(systemClock.now().getTime() - 30_000) }), randomUUID(), { key: 'false' });
    expect((await entries(w)).at(-1)).toMatchObject({ text: expect.stringContaining('Coffee'), key: false });
  });

  test('HTML, entities and mentions in the message become plain text', async () => {
    const html =
      '<div><p>Ask <at id="0">Carol Souza</at> &amp; check &lt;script&gt;alert(1)&lt;/script&gt; <b>now</b></p><p><img src="https://eu-api.asm.skype.com/x" alt="x"><a href="https://grafana.example.com/d/1">dashboard</a></p></div>';
    const payload = messagePayload({ html, sentAt: new Date(systemClock.now().getTime() - 60_000) });
    const done = await submit(w, room, payload);
    expect(done.answer?.task.value).toMatch(/^Added/);
    expect((await entries(w)).at(-1)!.text).toBe(
      `${people.bob.name}: Ask @Carol Souza & check <script>alert(1)</script> now\n\ndashboard [https://grafana.example.com/d/1] (${payload.linkToMessage})`,
    );
  });

  test('a message dated in the future of the verified clock is refused, and nothing is recorded', async () => {
    const before = (await entries(w)).length;
    const done = await submit(w, room, messagePayload({ html: 'from 2022', sentAt: new Date(systemClock.now().getTime() + 365 * 86_400_000) }));
    expect(done.answer?.task.value).toBe('That entry is dated in the future of this server; nothing was recorded.');
    expect(await entries(w)).toHaveLength(before);
  });

  test('a message outside any crisis room gets a clear answer, in the dialog and on submit', async () => {
    const payload = messagePayload({ html: 'hello', sentAt: systemClock.now() });
    const opened = await invoke(
      w,
      'alice',
      'composeExtension/fetchTask',
      { commandId: timelineCommandId, commandContext: 'message', messagePayload: payload },
      { conversationId: channels.general },
    );
    expect(opened.answer).toEqual({ task: { type: 'message', value: expect.stringMatching(/^This conversation is not a crisis room/) } });
    const done = await submit(w, `${channels.general};messageid=${payload.id}`, payload);
    expect(done.answer?.task.value).toMatch(/^This conversation is not a crisis room/);
  });

  test('in a crisis room the dialog names the incident and the author before anything is recorded', async () => {
    const before = (await entries(w)).length;
    const opened = await invoke(
      w,
      'alice',
      'composeExtension/fetchTask',
      { commandId: timelineCommandId, commandContext: 'message', messagePayload: messagePayload({ html: 'x', sentAt: systemClock.now() }) },
      { conversationId: room },
    );
    expect(JSON.stringify(opened.answer?.task.value.card.content.body)).toContain(`Add this message by ${people.bob.name} to the timeline of INC-1`);
    expect(await entries(w)).toHaveLength(before);
    if (hasChromium) {
      const renderer = await openCardRenderer({ markdown: true });
      const rendered = await renderer.render(opened.answer?.task.value.card.content);
      await renderer.close();
      expect(rendered.problems).toEqual([]);
      expect(rendered.text).toContain('to the timeline of INC-1');
    }
  });
});
