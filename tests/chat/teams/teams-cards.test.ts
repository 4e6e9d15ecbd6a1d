import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CardRenderer, openCardRenderer } from '../../support/adaptive-cards.ts';
import { chromiumAvailable } from '../../support/chromium.ts';
import { channels, people, teamId, teamsWorld } from '../../support/teams-app.ts';
import { cardIn, execute, invoke } from '../../support/teams-invoke.ts';

const hasChromium = chromiumAvailable("rendering crisisroom's Teams cards");

let world: Awaited<ReturnType<typeof teamsWorld>>;
let renderer: CardRenderer | undefined;
beforeAll(async () => {
  // With a team configured, an incident declared in Teams is run in a crisis-room channel of it.
  world = await teamsWorld({ teams: { teamId } });
  if (hasChromium) renderer = await openCardRenderer({ markdown: true });
});
afterAll(async () => {
  await renderer?.close();
  await world?.stop();
});

/** Parses and renders a card as Teams would; with no Chromium here (said at start-up), the check is left out. */
async function expectCleanRender(card: unknown) {
  if (!renderer) return null;
  const rendered = await renderer.render(card);
  expect(rendered.problems).toEqual([]);
  return rendered;
}

/** Every text Teams reads as Markdown in a card: TextBlocks and facts, nested containers and show-cards included. */
function markdownTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(markdownTexts);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = record.type === 'TextBlock' && typeof record.text === 'string' ? [record.text] : [];
  const fact = typeof record.title === 'string' && typeof record.value === 'string' && !('type' in record) ? [record.value] : [];
  return [...own, ...fact, ...Object.values(record).flatMap(markdownTexts)];
}

const evil = 'See [click](https://evil.example) and &lt;at&gt;Bob Lima&lt;/at&gt; **now** # 1';
let cardActivity: { conversationId: string; activityId: string };

describe('Teams approval card', () => {
  test('public posts an approval card that renders cleanly, showing each customer language and typed text as typed', async () => {
    await world.send('alice', 'declare Smart Contacts not exchanging messages --sev 2 --components CRM');
    const drafted = await world.send('alice', `public INC-1 investigating ${evil}`);
    // The card is posted; the briefing card is only edited (PUT).
    const posted = drafted.replies.find((r) => r.method === 'POST' && cardIn(r.body));
    expect(posted, `the bot sent: ${JSON.stringify(drafted.replies.map((r) => r.body))}`).toBeDefined();
    cardActivity = { conversationId: posted!.conversationId, activityId: posted!.activityId };
    // The incident is run in its crisis-room channel: the card goes there, not to the thread `public` was typed in.
    const room = await world.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 1, platform: 'teams' } });
    expect(posted!.conversationId).toBe(room.channelId);
    expect(await world.app.db.prisma.draftCard.findFirstOrThrow({ where: { platform: 'teams' } })).toMatchObject({
      channelId: room.channelId,
      messageId: posted!.activityId,
    });
    const card = cardIn(posted!.body)!;
    expect((card.actions as { title: string }[]).map((a) => a.title)).toEqual(['Approve', 'Edit', 'Reject']);
    expect(card.refresh).toMatchObject({ action: { verb: 'draft.refresh', data: { incident: 1, draft: 1 } }, userIds: [people.alice.id] });

    // What Teams' Markdown makes of the texts: no link, no mention, no formatting from typed text.
    const md = new MarkdownIt();
    const html = markdownTexts(card)
      .map((text) => md.renderInline(text))
      .join('\n');
    expect(html).not.toMatch(/<a |<strong>now|<at>|<h1/);
    expect(html).toContain('[click](https://evil.example)');
    expect(html).toContain('&lt;at&gt;Bob Lima&lt;/at&gt;');

    const rendered = await expectCleanRender(card);
    if (rendered) {
      expect(rendered.text).toContain('Public update INC-1 D1');
      expect(rendered.text).toContain('See [click](https://evil.example) and <at>Bob Lima</at> **now** # 1');
      expect(rendered.text).toMatch(/Customers reading en \(America\/Sao_Paulo\) will see:/);
      expect(rendered.text).toContain('Investigating');
      expect(rendered.buttons.slice(0, 3)).toEqual(['Approve', 'Edit', 'Reject']);
    }
  });

  test('an outsider cannot approve: they are told why, and nothing changes', async () => {
    const clicked = await execute(
      world,
      'bob',
      'draft.approve',
      { incident: 1, draft: 1 },
      { conversationId: cardActivity.conversationId, replyToId: cardActivity.activityId },
    );
    expect(clicked.status).toBe(200);
    expect(clicked.answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(clicked.answer!.value).toMatch(/Only the commander of INC-1 \(Alice Silva\) can approve D1/);
    expect(await world.app.db.prisma.publication.count()).toBe(0);
    expect(clicked.sent.filter((s) => s.method === 'PUT')).toEqual([]);
  });

  test('the commander approves: the update is published and the card, for everyone, shows who approved and when', async () => {
    const clicked = await execute(
      world,
      'alice',
      'draft.approve',
      { incident: 1, draft: 1 },
      { conversationId: cardActivity.conversationId, replyToId: cardActivity.activityId },
    );
    expect(clicked.answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(await world.app.db.prisma.publication.count()).toBe(1);
    const updates = world.connector.received.filter((r) => r.method === 'PUT' && r.activityId === cardActivity.activityId);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    const updated = cardIn(updates.at(-1)!.body)!;
    expect(updated.actions).toBeUndefined();
    expect(updated.refresh).toBeUndefined();
    expect(JSON.stringify(updated)).toMatch(/Approved by Alice Silva at \d\d:\d\d GMT-03:00/);
    const rendered = await expectCleanRender(clicked.answer!.value);
    if (rendered) {
      expect(rendered.text).toMatch(/✅ Approved by Alice Silva at \d\d:\d\d GMT-03:00/);
      expect(rendered.buttons).toEqual([]);
    }
  });

  test('a second Approve (a double click) changes nothing and shows the decision', async () => {
    const clicked = await execute(world, 'alice', 'draft.approve', { incident: 1, draft: 1 });
    expect(clicked.answer).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(clicked.answer!.value)).toMatch(/Approved by Alice Silva/);
    expect(await world.app.db.prisma.publication.count()).toBe(1);
    expect(await world.app.db.prisma.timelineEntry.count({ where: { kind: 'approved' } })).toBe(1);
  });

  test('refresh returns the card as it stands, to anyone', async () => {
    const refreshed = await execute(world, 'bob', 'draft.refresh', { incident: 1, draft: 1 });
    expect(JSON.stringify(refreshed.answer!.value)).toMatch(/Approved by Alice Silva/);
  });

  test('Reject with a reason: the draft is rejected and the card says why', async () => {
    await world.send('alice', 'public INC-1 identified We found the server whose clock jumped.');
    const ref = { incident: 1, draft: 2 };
    const refused = await execute(world, 'bob', 'draft.reject.ask', ref);
    expect(refused.answer).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/Only the commander/) });
    // Reject asks the one who clicked for a reason; nothing is decided, posted or edited yet.
    const asked = await execute(world, 'alice', 'draft.reject.ask', ref);
    expect(asked.sent).toEqual([]);
    expect(asked.answer!.value.body).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Input.Text', id: 'reason' })]));
    expect(asked.answer!.value.actions).toEqual([
      expect.objectContaining({ type: 'Action.Execute', title: 'Reject INC-1 D2', verb: 'draft.reject', data: ref }),
      expect.objectContaining({ type: 'Action.Execute', title: 'Cancel', verb: 'draft.refresh', associatedInputs: 'none' }),
    ]);
    await expectCleanRender(asked.answer!.value);
    expect(await world.app.db.prisma.publicDraft.findFirstOrThrow({ where: { number: 2 } })).toMatchObject({ state: 'pending' });
    // A reason is one line: one with a line break comes back on the form, as typed, with what is wrong.
    const broken = await execute(world, 'alice', 'draft.reject', { ...ref, reason: 'wrong\nstatus' });
    expect(broken.answer!.value.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'TextBlock',
          text: 'The reason has U+000A LINE FEED at character 6: a line break, but the reason is one line; remove it.',
        }),
        expect.objectContaining({ type: 'Input.Text', id: 'reason', value: 'wrong\nstatus' }),
      ]),
    );
    expect(await world.app.db.prisma.publicDraft.findFirstOrThrow({ where: { number: 2 } })).toMatchObject({ state: 'pending' });
    const clicked = await execute(world, 'alice', 'draft.reject', { ...ref, reason: 'name the [component](https://x)' });
    expect(clicked.answer).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    const draft = await world.app.db.prisma.publicDraft.findFirstOrThrow({ where: { number: 2 } });
    expect(draft).toMatchObject({ state: 'rejected', rejectReason: 'name the [component](https://x)' });
    const rendered = await expectCleanRender(clicked.answer!.value);
    if (rendered) expect(rendered.text).toMatch(/❌ Rejected by Alice Silva at \d\d:\d\d GMT-03:00: name the \[component\]\(https:\/\/x\)/);
    expect(await world.app.db.prisma.publication.count()).toBe(1);
  });

  test('Edit turns the card into its edit form for the one who clicked, and Save rewrites the draft and the card for everyone', async () => {
    await world.send('alice', 'public INC-1 monitoring A fix is in place.');
    const ref = { incident: 1, draft: 3 };
    const refused = await execute(world, 'bob', 'draft.edit', ref);
    expect(refused.answer).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(refused.answer!.value).toMatch(/Only the commander/);

    const opened = await execute(world, 'alice', 'draft.edit', ref);
    expect(opened.answer).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    const form = opened.answer!.value;
    expect(form.refresh).toBeUndefined();
    expect(form.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Input.Text', id: 'body', value: 'A fix is in place.' }),
        expect.objectContaining({ type: 'Input.ChoiceSet', id: 'status', value: 'monitoring' }),
      ]),
    );
    expect(form.actions).toEqual([
      expect.objectContaining({ type: 'Action.Execute', title: 'Save', verb: 'draft.save', data: ref }),
      expect.objectContaining({ type: 'Action.Execute', title: 'Cancel', verb: 'draft.refresh', data: ref, associatedInputs: 'none' }),
    ]);
    // Only the clicker's view changed: nothing was posted or edited.
    expect(opened.sent).toEqual([]);
    await expectCleanRender(form);

    // Action.Execute hands the card's inputs over with the button's data.
    const blank = await execute(world, 'alice', 'draft.save', { ...ref, status: 'monitoring', body: '  ' });
    expect(JSON.stringify(blank.answer!.value)).toContain('Write what customers will read.');
    expect(blank.answer!.value.actions.map((a: { title: string }) => a.title)).toEqual(['Save', 'Cancel']);
    expect(await world.app.db.prisma.publicDraft.findFirstOrThrow({ where: { number: 3 } })).toMatchObject({ body: 'A fix is in place.' });

    const saved = await execute(world, 'alice', 'draft.save', { ...ref, status: 'identified', body: 'The fix is rolling out.' });
    expect(saved.answer!.value.actions.map((a: { title: string }) => a.title)).toEqual(['Approve', 'Edit', 'Reject']);
    expect(JSON.stringify(saved.answer!.value)).toContain('The fix is rolling out.');
    expect(await world.app.db.prisma.publicDraft.findFirstOrThrow({ where: { number: 3 } })).toMatchObject({
      status: 'identified',
      body: 'The fix is rolling out.',
      state: 'pending',
    });
    const put = saved.sent.filter((s) => s.method === 'PUT' && cardIn(s.body) && JSON.stringify(cardIn(s.body)).includes('Public update INC-1 D3'));
    expect(put).toHaveLength(1);
    expect(JSON.stringify(cardIn(put[0]!.body))).toContain('The fix is rolling out.');

    const cancelled = await execute(world, 'alice', 'draft.refresh', ref);
    expect(cancelled.answer!.value.actions.map((a: { title: string }) => a.title)).toEqual(['Approve', 'Edit', 'Reject']);
  });
});

test('an incident with no Teams room gets its card in the conversation the draft came from', async () => {
  // No team configured and no incidents channel: Teams has nowhere to open a room.
  const roomless = await teamsWorld();
  try {
    await roomless.send('alice', 'declare Billing exports delayed', { where: 'personal' });
    expect(await roomless.app.db.prisma.chatRoom.count()).toBe(0);
    const drafted = await roomless.send('alice', 'public INC-1 investigating Exports are delayed.', { where: 'personal' });
    const cards = drafted.replies.filter((r) => cardIn(r.body));
    expect(cards).toHaveLength(1);
    expect(cards[0]!.conversationId).toBe(channels.personalAlice);
    await expectCleanRender(cardIn(cards[0]!.body));
  } finally {
    await roomless.stop();
  }
});

describe('Teams declare form', () => {
  test('declare with nothing after it answers with a button that opens the form', async () => {
    const sent = await world.send('alice', 'declare');
    const launcher = sent.replies.map((r) => cardIn(r.body)).find(Boolean);
    expect(launcher).toBeDefined();
    expect(launcher!.actions).toEqual([
      expect.objectContaining({ type: 'Action.Submit', data: { msteams: { type: 'task/fetch' }, dialog: 'incident.declare' } }),
    ]);
    const rendered = await expectCleanRender(launcher);
    if (rendered) expect(rendered.buttons).toEqual(['Declare an incident']);
  });

  test("the form offers the configured components and the conversation's people, and its submission declares", async () => {
    const opened = await invoke(world, 'alice', 'task/fetch', { data: { msteams: { type: 'task/fetch' }, dialog: 'incident.declare' } });
    expect(opened.answer).toMatchObject({ task: { type: 'continue', value: { title: 'Declare incident' } } });
    const form = opened.answer!.task.value.card.content;
    const text = JSON.stringify(form);
    for (const shown of ['CRM', 'Analytics', people.alice.name, people.bob.aadObjectId]) expect(text).toContain(shown);
    await expectCleanRender(form);

    const refused = await invoke(world, 'alice', 'task/submit', {
      data: { dialog: 'incident.declare', title: '', severity: '9', commander: people.alice.aadObjectId },
    });
    expect(refused.answer).toMatchObject({ task: { type: 'continue' } });
    expect(JSON.stringify(refused.answer!.task.value.card.content)).toMatch(/Give the incident a title\..*Choose a severity from SEV1 to SEV4\./);

    const before = await world.app.db.prisma.incident.count();
    const submitted = await invoke(world, 'alice', 'task/submit', {
      data: { dialog: 'incident.declare', title: 'Ticket distribution stopped', severity: '2', components: 'CRM,Core', commander: people.bob.aadObjectId },
    });
    expect(submitted.answer).toMatchObject({ task: { type: 'message' } });
    expect(submitted.answer!.task.value).toMatch(/Declared INC-\d+: Ticket distribution stopped/);
    expect(await world.app.db.prisma.incident.count()).toBe(before + 1);
    const incident = await world.app.db.prisma.incident.findFirstOrThrow({ where: { title: 'Ticket distribution stopped' } });
    expect(incident).toMatchObject({ severity: 2, commanderId: `teams:${people.bob.aadObjectId}`, commanderName: people.bob.name });
  });
});
