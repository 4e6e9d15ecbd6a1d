import { afterAll, describe, expect, test } from 'vitest';
import { eventually } from '../../support/processes.ts';
import { cardWords, channels, people, teamId, teamsWorld } from '../../support/teams-app.ts';

type World = Awaited<ReturnType<typeof teamsWorld>>;

const worlds: World[] = [];
afterAll(async () => {
  await Promise.all(worlds.map((w) => w.stop()));
});

/** Every crisis-room channel the fake Graph creates has an id starting so. */
const rooms = '19:room';

/**
 * What Teams and Graph do to the next calls of a room: each fault hits the room's first Bot
 * Connector send after it is armed and, for the steps that call Graph, the first Graph call.
 */
const faults: [string, (w: World, graph: boolean) => void][] = [
  [
    'rate limit with Retry-After',
    (w, graph) => {
      w.connector.failConversation(rooms, { status: 429, code: 'Throttled', retryAfter: '1' }, 1);
      if (graph) w.graph.failNext({ status: 429, retryAfter: '1' });
    },
  ],
  [
    'rate limit without Retry-After',
    (w, graph) => {
      w.connector.failConversation(rooms, { status: 429, code: 'Throttled' }, 1);
      if (graph) w.graph.failNext({ status: 429 });
    },
  ],
  [
    '500',
    (w, graph) => {
      w.connector.failConversation(rooms, { status: 500, code: 'ServiceError' }, 1);
      if (graph) w.graph.failNext({ status: 500, code: 'InternalServerError' });
    },
  ],
  [
    'hang',
    (w, graph) => {
      w.connector.hangNext(rooms, 1);
      if (graph) w.graph.failNext({ status: 503, code: 'ServiceUnavailable' });
    },
  ],
  [
    'lost answer',
    (w, graph) => {
      w.connector.loseAnswers(rooms, 1);
      if (graph) w.graph.loseNextCreation();
    },
  ],
];

const roomJobs = (w: World) => w.app.db.prisma.job.findMany({ where: { kind: 'room.teams' }, orderBy: { id: 'asc' } });
const mention = (who: keyof typeof people) => ({
  extraEntities: [{ type: 'mention', text: `<at>${people[who].name}</at>`, mentioned: { id: people[who].id, name: people[who].name } }],
});
/** A post as it reads now: the words of its last edit, else of the post. */
function current(w: World, post: { conversationId: string; activityId: string; body: Record<string, unknown> }) {
  const edit = w.connector.received.findLast((r) => r.method === 'PUT' && r.activityId === post.activityId);
  return edit?.body ?? post.body;
}
const carries = (key: string) => (post: { body: Record<string, unknown> }) => JSON.stringify(post.body.attachments ?? []).includes(JSON.stringify(key));

describe.concurrent('a Teams crisis room converges whatever Teams and Graph do to each call', () => {
  test.each(faults)(
    '%s at every step of declare, note, handover, draft, approval and resolve',
    async (_name, fault) => {
      const w = await teamsWorld({ teams: { teamId, incidentsChannelId: channels.incidents, responders: [people.bob.aadObjectId] } });
      worlds.push(w);
      // Commands are typed in the general channel: only the room's own work meets the faults.
      fault(w, true);
      await w.send('alice', 'declare Ticket distribution stopped --sev 2');
      await eventually(
        async () => expect((await w.app.db.prisma.chatRoom.findFirst({ where: { incidentId: 1, platform: 'teams' } }))?.briefingMessageId).toBeTruthy(),
        30_000,
      );
      for (const [who, line, extra] of [
        ['alice', 'note INC-1 the queue is draining', {}],
        ['alice', `commander INC-1 <at>${people.carol.name}</at>`, mention('carol')],
        ['carol', 'public INC-1 investigating Some customers cannot open tickets.', {}],
        ['carol', 'approve INC-1', {}],
        ['carol', 'resolve INC-1 Tickets are distributed again.', {}],
        ['carol', 'approve INC-1', {}],
      ] as const) {
        fault(w, line.startsWith('commander'));
        await w.send(who, line, extra);
      }
      await eventually(async () => expect((await roomJobs(w)).filter((job) => job.state !== 'done')).toEqual([]), 60_000);

      // Created once, with its people; the commander handed the incident later added once.
      expect(w.graph.channels.map((c) => c.displayName)).toEqual(['inc-1-ticket-distribution-stopped']);
      const channel = w.graph.channels[0]!;
      expect([...channel.members.keys()].toSorted()).toEqual([people.alice.aadObjectId, people.bob.aadObjectId, people.carol.aadObjectId].toSorted());
      const posts = w.connector.received.filter((r) => r.method === 'POST' && r.conversationId === channel.id);
      // One briefing, showing the end; one card per draft, each showing its decision; each word once.
      const briefings = posts.filter(carries('crisisroom-briefing-1'));
      expect(briefings).toHaveLength(1);
      expect(cardWords(current(w, briefings[0]!))).toMatch(/Status\nresolved/);
      const drafts = await w.app.db.prisma.publicDraft.findMany({ orderBy: { id: 'asc' } });
      expect(drafts.map((d) => d.state)).toEqual(['approved', 'approved']);
      for (const draft of drafts) {
        const cards = posts.filter(carries(`crisisroom-card-${draft.id}`));
        expect(cards).toHaveLength(1);
        expect(cardWords(current(w, cards[0]!))).toMatch(/Approved by Carol Souza/);
      }
      const words = posts.filter((p) => typeof p.body.text === 'string').map((p) => String(p.body.text).split('<br>')[0]);
      expect(words).toEqual([
        `Added to this private channel: <at>${people.alice.name}</at>, <at>${people.bob.name}</at>`,
        `Added <at>${people.carol.name}</at> to this channel as the incident's commander.`,
      ]);
      expect(posts).toHaveLength(2 + drafts.length + 1);
    },
    120_000,
  );
});

describe('Teams limits', () => {
  test('a burst of 20 commands in one room in 2 s provokes no 429 from a Bot Connector that enforces Teams’ per-conversation limits', async () => {
    const w = await teamsWorld({ teams: { teamId }, rateLimits: {} });
    worlds.push(w);
    await w.send('alice', 'declare Checkout failing --sev 3');
    const room = w.graph.channels[0]!.id;
    const before = w.connector.received.length;
    const sent = [];
    for (let i = 1; i <= 20; i++) {
      sent.push(w.deliver('alice', `note ${i} of the burst`, { channel: room }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await Promise.all(sent)).map((s) => s.response.status)).toEqual(Array(20).fill(200));
    await w.app.settle();
    await eventually(async () => expect((await roomJobs(w)).filter((job) => job.state !== 'done')).toEqual([]), 30_000);
    expect(w.connector.refused.filter((r) => r.status === 429)).toEqual([]);
    const answers = w.connector.received.slice(before).filter((r) => r.method === 'POST' && r.conversationId.startsWith(`${room};messageid=`));
    expect(answers.map((r) => String(r.body.text)).filter((text) => /^Noted/.test(text))).toHaveLength(20);
    expect(await w.app.db.prisma.timelineEntry.count({ where: { incidentId: 1, kind: 'note' } })).toBe(20);
  }, 60_000);
});

describe('Teams room work refused for good is shown', () => {
  test('a commander Teams will not add: the person who handed over is told in their thread, and summary says what the room lacks', async () => {
    const w = await teamsWorld({ teams: { teamId } });
    worlds.push(w);
    await w.send('alice', 'declare Checkout failing --sev 3');
    w.graph.failNext({ status: 403, code: 'Forbidden', method: 'POST' });
    const handover = await w.send('alice', `commander INC-1 <at>${people.carol.name}</at>`, mention('carol'));
    const name = w.graph.channels[0]!.displayName;
    await eventually(
      async () =>
        expect(w.connector.received.some((r) => r.replyToId === handover.activity.id && /gave up adding Carol Souza/.test(String(r.body.text)))).toBe(true),
      10_000,
    );
    const told = w.connector.received.find((r) => r.replyToId === handover.activity.id && /gave up/.test(String(r.body.text)))!;
    expect(told.body.text).toBe(
      `⚠️ crisisroom gave up adding Carol Souza, the new commander, to the room for INC-1: Teams refused to add Carol Souza to ${name} (403 Forbidden): a team owner can add them. @crisisroom summary shows what the room still lacks.`,
    );
    expect((await w.send('alice', 'summary INC-1')).reply).toContain(
      `Room work: Teams: adding Carol Souza, the new commander, to the room, given up: Teams refused to add Carol Souza to ${name} (403 Forbidden): a team owner can add them`,
    );
    expect(w.graph.channels[0]!.members.has(people.carol.aadObjectId)).toBe(false);
  }, 30_000);

  test('room work waiting out a rate limit is shown with its wait', async () => {
    const w = await teamsWorld({ teams: { teamId } });
    worlds.push(w);
    w.graph.failNext({ status: 429, retryAfter: '60' });
    await w.send('alice', 'declare Checkout failing --sev 3');
    expect((await w.send('alice', 'summary INC-1')).reply).toMatch(
      /<br>Room work: Teams: opening the crisis room, retry in (59|60) s \(attempt 1 failed: Microsoft Graph rate-limited reading the team’s members\)$/,
    );
  }, 30_000);
});
