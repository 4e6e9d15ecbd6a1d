import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appId, channels, people, teamsWorld } from '../../support/teams-app.ts';

let world: Awaited<ReturnType<typeof teamsWorld>>;
beforeAll(async () => {
  world = await teamsWorld();
});
afterAll(async () => world?.stop());

describe('Teams: the /incident grammar by @mention', () => {
  test('declare in a channel: the incident is opened by the Teams user and the answer is a reply in the thread', async () => {
    const sent = await world.send('alice', 'declare Ticket distribution stopped --sev 2 --components CRM');
    expect(sent.status).toBe(200);
    expect(sent.replies).toHaveLength(1);
    const [reply] = sent.replies;
    expect(reply!.conversationId).toBe(`${channels.general};messageid=${sent.activity.id}`);
    expect(reply!.replyToId).toBe(sent.activity.id);
    expect(reply!.body.textFormat).toBe('xml');
    expect(sent.reply).toMatch(/INC-1/);
    const incident = await world.app.db.prisma.incident.findFirstOrThrow();
    expect(incident.title).toBe('Ticket distribution stopped');
    expect(incident.severity).toBe(2);
    expect(incident.commanderId).toBe(`teams:${people.alice.aadObjectId}`);
  });

  test('in personal chat the text needs no mention, and the answer is a plain message in the chat', async () => {
    const sent = await world.send('alice', 'note INC-1 isolated the server whose clock jumped to 2022 --at 10:40', { where: 'personal' });
    expect(sent.status).toBe(200);
    expect(sent.replies).toHaveLength(1);
    expect(sent.replies[0]!.conversationId).toBe(channels.personalAlice);
    expect(sent.replies[0]!.replyToId).toBeUndefined();
    const note = await world.app.db.prisma.timelineEntry.findFirstOrThrow({ where: { kind: 'note' } });
    expect(note.actorId).toBe(`teams:${people.alice.aadObjectId}`);
    // "10:40" was read in Alice's own zone, which her Teams client reported (GMT-03:00 in September 2021 would be 13:40Z).
    expect(sent.reply).toMatch(/10:40/);
  });

  test('public and approve: a draft by the commander is approved and published', async () => {
    const drafted = await world.send('alice', 'public INC-1 investigating We are investigating failures in ticket distribution.');
    expect(drafted.reply).toMatch(/D1/);
    const approved = await world.send('alice', 'approve INC-1');
    expect(approved.status).toBe(200);
    expect(await world.app.db.prisma.publication.count()).toBe(1);
  });

  test('commander by @mention resolves the mentioned person to their Entra object id', async () => {
    const sent = await world.send('alice', 'commander INC-1 <at>Bob Lima</at>', {
      extraEntities: [{ type: 'mention', text: '<at>Bob Lima</at>', mentioned: { id: people.bob.id, name: people.bob.name } }],
    });
    expect(sent.reply).toMatch(/Bob Lima/);
    const incident = await world.app.db.prisma.incident.findFirstOrThrow();
    expect(incident.commanderId).toBe(`teams:${people.bob.aadObjectId}`);
  });

  test('a redelivered activity is acted on once', async () => {
    const body = world.activity('bob', 'note INC-1 once only');
    const token = await world.auth.sign({ appId, serviceUrl: world.connector.serviceUrl, issuedAt: new Date() });
    for (let i = 0; i < 2; i++) {
      const response = await fetch(world.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      await world.app.settle();
    }
    expect(await world.app.db.prisma.timelineEntry.count({ where: { kind: 'note', text: 'once only' } })).toBe(1);
  });

  test('mention injection: text typed as a mention comes back as visible text, never as a mention', async () => {
    const sent = await world.send('alice', 'declare Ping &lt;at&gt;Everyone&lt;/at&gt; and <b>bold</b> & *stars*');
    const text = String(sent.replies[0]!.body.text);
    expect(text).not.toMatch(/<at>/);
    expect(text).toContain('&lt;at&gt;Everyone&lt;/at&gt;');
    expect(text).not.toMatch(/<b>/);
    expect(sent.replies[0]!.body.entities ?? []).not.toContainEqual(expect.objectContaining({ type: 'mention' }));
  });

  test('a 429 from the Bot Connector is waited out as its Retry-After says, then the reply goes through', async () => {
    world.connector.failNext({ status: 429, retryAfter: '1' });
    const started = performance.now();
    const sent = await world.send('alice', 'summary INC-1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(world.connector.refused.at(-1)).toMatchObject({ status: 429 });
    expect(sent.replies).toHaveLength(1);
    expect(sent.reply).toMatch(/INC-1/);
  });

  test('the bot token is asked for once with the app credentials and reused', async () => {
    expect(world.connector.tokenRequests.filter((r) => r.ok)).toHaveLength(1);
    expect(world.connector.tokenRequests[0]).toMatchObject({ clientId: appId, scope: 'https://api.botframework.com/.default' });
  });
});
