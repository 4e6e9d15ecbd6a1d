import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually } from '../../support/processes.ts';
import { cardWords, channels, people, teamId, teamsWorld } from '../../support/teams-app.ts';
import { invoke } from '../../support/teams-invoke.ts';

type World = Awaited<ReturnType<typeof teamsWorld>>;
const outsider = 'c3c3c3c3-0000-4000-8000-000000000003';
const posted = (w: World, conversationId: string) => w.connector.received.filter((r) => r.method === 'POST' && r.conversationId === conversationId);

describe('Teams crisis rooms through Microsoft Graph', () => {
  let w: World;
  beforeAll(async () => {
    w = await teamsWorld({
      teams: { teamId: '3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d', incidentsChannelId: channels.incidents, responders: [people.bob.aadObjectId, outsider] },
    });
  });
  afterAll(async () => w?.stop());

  test('declare creates the private inc-<n>-<slug> channel with its people in it, with the app token for Graph, and posts the briefing there', async () => {
    const sent = await w.send('alice', 'declare Ticket distribution stopped --sev 2 --components CRM');
    expect(sent.status).toBe(200);
    // The declarer (and commander) owns it, as Graph requires of a private channel; the responder in the team is a member.
    expect(w.graph.channels).toEqual([
      expect.objectContaining({
        displayName: 'inc-1-ticket-distribution-stopped',
        membershipType: 'private',
        members: new Map([
          [people.alice.aadObjectId, ['owner']],
          [people.bob.aadObjectId, []],
        ]),
      }),
    ]);
    expect(w.graph.requests.filter((r) => r.method === 'POST')).toEqual([
      { method: 'POST', path: '/v1.0/teams/3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d/channels', status: 201 },
    ]);
    expect(
      w.connector.tokenRequests
        .filter((r) => r.ok)
        .map((r) => r.scope)
        .sort(),
    ).toEqual(['https://api.botframework.com/.default', `${w.graph.url}/.default`].sort());
    const channel = w.graph.channels[0]!;
    const room = await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { platform: 'teams' } });
    expect(room).toMatchObject({ incidentId: 1, channelId: channel.id, name: 'inc-1-ticket-distribution-stopped' });
    const [briefing, responders] = posted(w, channel.id);
    expect(room.briefingMessageId).toBe(briefing!.activityId);
    expect(briefing!.body.summary).toBe('INC-1 Ticket distribution stopped: investigating, SEV2');
    expect(cardWords(briefing!.body)).toMatch(/^INC-1: Ticket distribution stopped\nStatus\ninvestigating\nSeverity\nSEV2 \(major\)\nCommander\nAlice Silva\n/);
    expect(responders!.body.entities).toEqual([
      { type: 'mention', text: `<at>${people.alice.name}</at>`, mentioned: { id: people.alice.aadObjectId, name: people.alice.name } },
      { type: 'mention', text: `<at>${people.bob.name}</at>`, mentioned: { id: people.bob.aadObjectId, name: people.bob.name } },
    ]);
    expect(responders!.body.text).toMatch(/^Added to this private channel: <at>Alice Silva<\/at>, <at>Bob Lima<\/at><br>/);
    // Graph adds only members of the team to its channels: the one outside it is named for an owner.
    expect(responders!.body.text).toContain(`Not members of this team, so they cannot see this channel (a team owner can add them): ${outsider}`);
  });

  test('a commander handed the incident later is added to its channel, once, and the room is told', async () => {
    const channel = w.graph.channels[0]!;
    await w.send('alice', `commander INC-1 <at>${people.carol.name}</at>`, {
      extraEntities: [{ type: 'mention', text: `<at>${people.carol.name}</at>`, mentioned: { id: people.carol.id, name: people.carol.name } }],
    });
    await eventually(async () => expect(channel.members.get(people.carol.aadObjectId)).toEqual([]), 5000);
    await eventually(
      async () =>
        expect(
          posted(w, channel.id).some((r) => String(r.body.text) === `Added <at>${people.carol.name}</at> to this channel as the incident's commander.`),
        ).toBe(true),
      5000,
    );
    await w.send('carol', 'note INC-1 looking at the queue');
    await w.send('carol', 'sev INC-1 2');
    const adds = w.graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${encodeURIComponent(channel.id)}/members`));
    expect(adds).toEqual([{ method: 'POST', path: `/v1.0/teams/${teamId}/channels/${encodeURIComponent(channel.id)}/members`, status: 201 }]);
  });

  test('the briefing is edited in place when the incident changes', async () => {
    const room = await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 1, platform: 'teams' } });
    await w.send('alice', 'sev INC-1 1');
    const edits = w.connector.received.filter((r) => r.method === 'PUT' && r.activityId === room.briefingMessageId);
    expect(edits.length).toBeGreaterThanOrEqual(1);
    expect(cardWords(edits.at(-1)!.body)).toMatch(/Severity\nSEV1/);
    expect(edits.at(-1)!.conversationId).toBe(room.channelId);
  });

  test('a channel name the team already has gets the next suffix', async () => {
    w.graph.addChannel('inc-2-api-down');
    await w.send('alice', 'declare API down');
    expect(
      w.graph.requests
        .filter((r) => r.method === 'POST')
        .map((r) => r.status)
        .slice(-2),
    ).toEqual([409, 201]);
    expect(w.graph.channels.at(-1)!.displayName).toBe('inc-2-api-down-2');
    expect(await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 2, platform: 'teams' } })).toMatchObject({ name: 'inc-2-api-down-2' });
  });

  test('a 429 from Graph is waited out as its Retry-After says', async () => {
    w.graph.failNext({ status: 429, retryAfter: '1' });
    const started = performance.now();
    await w.send('alice', 'declare Portal slow');
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(w.graph.channels.at(-1)!.displayName).toBe('inc-3-portal-slow');
  });

  test('Graph 403 (no consent): the declare thread is told why, and the incident gets a thread in the incidents channel', async () => {
    w.graph.setConsent(false);
    const sent = await w.send('alice', 'declare Analytics delayed');
    const why = sent.replies.find((r) => String(r.body.text).includes('No crisis-room channel'));
    expect(why).toMatchObject({ conversationId: `${channels.general};messageid=${sent.activity.id}`, replyToId: sent.activity.id });
    expect(why!.body.text).toMatch(
      /INC-4: Microsoft Graph did not allow crisisroom to create a channel in the team \(403 Forbidden\).*thread in the incidents channel instead/,
    );
    const [thread] = posted(w, channels.incidents);
    expect(cardWords(thread!.body)).toMatch(/^INC-4: Analytics delayed\n/);
    const room = await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 4, platform: 'teams' } });
    expect(room).toMatchObject({ channelId: `${channels.incidents};messageid=${thread!.activityId}`, briefingMessageId: thread!.activityId });
    expect(w.log.some((line) => line.includes('no crisis-room channel for INC-4'))).toBe(true);
    // The briefing in the thread is kept current too.
    await w.send('alice', 'sev INC-4 1');
    await eventually(
      async () =>
        expect(w.connector.received.some((r) => r.method === 'PUT' && r.activityId === thread!.activityId && /Severity\nSEV1/.test(cardWords(r.body)))).toBe(
          true,
        ),
      5000,
    );
    w.graph.setConsent(true);
  });
});

describe('Teams crisis rooms as standard channels (teams.roomChannel: standard)', () => {
  test('the channel holds the whole team, so the responders are mentioned, and a later commander is already in', async () => {
    const w = await teamsWorld({ teams: { teamId, roomChannel: 'standard', responders: [people.bob.aadObjectId, outsider] } });
    try {
      await w.send('alice', 'declare Core errors');
      const [channel] = w.graph.channels;
      expect(channel).toMatchObject({ displayName: 'inc-1-core-errors', membershipType: 'standard' });
      const [, responders] = posted(w, channel!.id);
      expect(responders!.body.text).toMatch(/^Responders: <at>Alice Silva<\/at>, <at>Bob Lima<\/at><br>Not members of this team/);
      await w.send('alice', `commander INC-1 <at>${people.carol.name}</at>`, {
        extraEntities: [{ type: 'mention', text: `<at>${people.carol.name}</at>`, mentioned: { id: people.carol.id, name: people.carol.name } }],
      });
      await eventually(
        async () => expect(w.graph.requests.some((r) => r.method === 'GET' && r.path.endsWith('/members') && r.path.includes('/channels/'))).toBe(true),
        5000,
      );
      expect(w.graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/members'))).toEqual([]);
    } finally {
      await w.stop();
    }
  });
});

test('a room channel the bot may not post in: the declare is told what to do, and the incident goes on', async () => {
  const w = await teamsWorld({ teams: { teamId } });
  try {
    // Every channel the fake Graph creates starts so; Teams answers 403 when the bot is not in a channel.
    w.connector.failConversation('19:room', { status: 403, code: 'BotNotInConversationRoster' });
    const sent = await w.send('alice', 'declare Core errors');
    const channel = w.graph.channels[0]!;
    const told = sent.replies.find((r) => String(r.body.text).includes('did not let crisisroom post there'));
    expect(told!.body.text).toBe(
      `⚠️ crisisroom gave up opening the crisis room for INC-1: INC-1 has its channel ${channel.displayName}, but Teams did not let crisisroom post there (403 BotNotInConversationRoster): add the crisisroom app to that channel, or set teams.roomChannel: standard. @crisisroom summary shows what the room still lacks.`,
    );
    // The summary says so too, for whoever looks later.
    expect((await w.send('alice', 'summary INC-1')).reply).toContain('Room work: Teams: opening the crisis room, given up: INC-1 has its channel');
    expect(await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 1 } })).toMatchObject({ channelId: channel.id, briefingMessageId: null });
    expect((await w.send('alice', 'note INC-1 still looking')).reply).toMatch(/Noted/);
  } finally {
    await w.stop();
  }
});

test('a declare from the form that Graph refuses a channel: the conversation the form came from is told why', async () => {
  const w = await teamsWorld({ teams: { teamId, incidentsChannelId: channels.incidents } });
  try {
    w.graph.setConsent(false);
    const submitted = await invoke(w, 'alice', 'task/submit', {
      data: { dialog: 'incident.declare', title: 'Portal slow', severity: '3', commander: people.alice.aadObjectId },
    });
    expect(submitted.answer!.task.value).toBe('Declared INC-1: Portal slow.');
    const told = w.connector.received.find(
      (r) => r.method === 'POST' && r.conversationId === channels.general && String(r.body.text).includes('No crisis-room channel for INC-1'),
    );
    expect(String(told?.body.text)).toMatch(
      /^No crisis-room channel for INC-1: Microsoft Graph did not allow crisisroom to create a channel in the team \(403 Forbidden\).*It has a thread in the incidents channel instead\.$/,
    );
  } finally {
    await w.stop();
  }
});

describe('Teams crisis rooms without a team', () => {
  test('no team but an incidents channel: the thread is used and the declare is told so', async () => {
    const w = await teamsWorld({ teams: { incidentsChannelId: channels.incidents } });
    try {
      const sent = await w.send('alice', 'declare Core errors');
      expect(sent.reply).toMatch(/No crisis-room channel for INC-1: no team is configured for crisis rooms \(teams\.teamId\)/);
      expect(w.graph.requests).toEqual([]);
      expect(posted(w, channels.incidents)).toHaveLength(1);
    } finally {
      await w.stop();
    }
  });
});
