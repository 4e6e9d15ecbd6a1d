import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually } from '../../support/processes.ts';
import { channels, people, teamsWorld } from '../../support/teams-app.ts';

type World = Awaited<ReturnType<typeof teamsWorld>>;
const outsider = 'c3c3c3c3-0000-4000-8000-000000000003';
const posted = (w: World, conversationId: string) => w.connector.received.filter((r) => r.method === 'POST' && r.conversationId === conversationId);

describe('Teams crisis rooms through Microsoft Graph', () => {
  let w: World;
  beforeAll(async () => {
    w = await teamsWorld({ teams: { teamId: '3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d', incidentsChannelId: channels.incidents, responders: [people.bob.aadObjectId, outsider] } });
  });
  afterAll(async () => w?.stop());

  test('declare creates the inc-<n>-<slug> channel with the app token for Graph, posts the briefing there and names the responders', async () => {
    const sent = await w.send('alice', 'declare Ticket distribution stopped --sev 2 --components CRM');
    expect(sent.status).toBe(200);
    expect(w.graph.channels).toEqual([expect.objectContaining({ displayName: 'inc-1-ticket-distribution-stopped', membershipType: 'standard' })]);
    expect(w.graph.requests.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', path: '/v1.0/teams/3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d/channels', status: 201 }]);
    expect(w.connector.tokenRequests.filter((r) => r.ok).map((r) => r.scope).sort()).toEqual(['https://api.botframework.com/.default', `${w.graph.url}/.default`].sort());
    const channel = w.graph.channels[0]!;
    const room = await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { platform: 'teams' } });
    expect(room).toMatchObject({ incidentId: 1, channelId: channel.id, name: 'inc-1-ticket-distribution-stopped' });
    const [briefing, responders] = posted(w, channel.id);
    expect(room.briefingMessageId).toBe(briefing!.activityId);
    expect(briefing!.body.text).toMatch(/INC-1: Ticket distribution stopped<br>Status: investigating · SEV2/);
    // Standard channels hold the whole team: responders in the team are mentioned, the others named for an owner.
    expect(responders!.body.entities).toEqual([
      { type: 'mention', text: `<at>${people.alice.name}</at>`, mentioned: { id: people.alice.aadObjectId, name: people.alice.name } },
      { type: 'mention', text: `<at>${people.bob.name}</at>`, mentioned: { id: people.bob.aadObjectId, name: people.bob.name } },
    ]);
    expect(responders!.body.text).toContain(`Not members of this team, so they cannot see this channel (a team owner can add them): ${outsider}`);
  });

  test('the briefing is edited in place when the incident changes', async () => {
    const room = await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 1, platform: 'teams' } });
    await w.send('alice', 'sev INC-1 1');
    const edits = w.connector.received.filter((r) => r.method === 'PUT' && r.activityId === room.briefingMessageId);
    expect(edits.length).toBeGreaterThanOrEqual(1);
    expect(edits.at(-1)!.body.text).toMatch(/SEV1/);
    expect(edits.at(-1)!.conversationId).toBe(room.channelId);
  });

  test('a channel name the team already has gets the next suffix', async () => {
    w.graph.addChannel('inc-2-api-down');
    await w.send('alice', 'declare API down');
    expect(w.graph.requests.filter((r) => r.method === 'POST').map((r) => r.status).slice(-2)).toEqual([409, 201]);
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
    expect(why!.body.text).toMatch(/INC-4: Microsoft Graph did not allow crisisroom to create a channel in the team \(403 Forbidden\).*thread in the incidents channel instead/);
    const [thread] = posted(w, channels.incidents);
    expect(thread!.body.text).toMatch(/INC-4: Analytics delayed/);
    const room = await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 4, platform: 'teams' } });
    expect(room).toMatchObject({ channelId: `${channels.incidents};messageid=${thread!.activityId}`, briefingMessageId: thread!.activityId });
    expect(w.log.some((line) => line.includes('no crisis-room channel for INC-4'))).toBe(true);
    // The briefing in the thread is kept current too.
    await w.send('alice', 'sev INC-4 1');
    await eventually(async () => expect(w.connector.received.some((r) => r.method === 'PUT' && r.activityId === thread!.activityId && /SEV1/.test(String(r.body.text)))).toBe(true), 5000);
    w.graph.setConsent(true);
  });
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
