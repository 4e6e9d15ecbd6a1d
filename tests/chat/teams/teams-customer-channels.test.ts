import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messages } from '../../../src/i18n/messages.ts';
import { formatPosted } from '../../../src/time/format.ts';
import { eventually } from '../../support/processes.ts';
import { channels, people, teamId, teamsWorld } from '../../support/teams-app.ts';

type World = Awaited<ReturnType<typeof teamsWorld>>;
const removedFrom = '19:removed0000@thread.tacv2';
const pt = messages('pt-BR');

describe('Teams customer channels', () => {
  let w: World;
  let roomChannel: string;
  // What reached the customers channel after the answers to the commands typed there.
  let mark = 0;
  const toCustomers = () => w.connector.received.slice(mark).filter((r) => r.conversationId.startsWith(channels.customers));
  const approve = async (status: string, body: string) => {
    await w.send('alice', `public INC-1 ${status} ${body}`);
    return w.send('alice', 'approve INC-1');
  };

  beforeAll(async () => {
    w = await teamsWorld({ teams: { teamId, admins: [people.alice.aadObjectId] } });
    await w.send('alice', 'declare Ticket distribution stopped --sev 2 --components CRM');
    roomChannel = w.graph.channels[0]!.id;
  });
  afterAll(async () => w?.stop());

  test('channel subscribe in a Teams channel is refused to anyone not in teams.admins', async () => {
    const sent = await w.send('bob', 'channel subscribe', { channel: channels.customers });
    expect(sent.reply).toMatch(/Only crisisroom admins can manage customer channels \(teams\.admins in the configuration\)/);
    expect(await w.app.db.prisma.channelSubscription.count()).toBe(0);
  });

  test('an admin subscribes it: the Bot Connector address and the tenant are kept for proactive posts', async () => {
    const sent = await w.send('alice', 'channel subscribe --lang pt-BR --tz Asia/Kolkata', { channel: channels.customers });
    expect(sent.reply).toMatch(/Customers now receives approved public updates for every incident, in pt-BR, times in Asia\/Kolkata/);
    const subscription = await w.app.db.prisma.channelSubscription.findFirstOrThrow();
    expect(subscription).toMatchObject({
      platform: 'teams',
      channelId: channels.customers,
      serviceUrl: w.connector.serviceUrl,
      tenantId: expect.any(String),
      teamGroupId: teamId,
    });
    await w.send('alice', 'channel subscribe', { channel: removedFrom });
    w.connector.failConversation(removedFrom, { status: 403, code: 'BotNotInConversationRoster' });
    mark = w.connector.received.length;
  });

  test('the first approved update is a new post in the channel, localized, with times in its zone', async () => {
    await approve('investigating', 'We are investigating failures in ticket distribution.');
    await eventually(async () => expect(toCustomers()).toHaveLength(1), 10_000);
    const [post] = toCustomers();
    const publication = await w.app.db.prisma.publication.findFirstOrThrow();
    expect(post).toMatchObject({ method: 'POST', conversationId: channels.customers, replyToId: undefined });
    const text = String(post!.body.text);
    expect(text).toContain(`<b>${pt.incidentStatus.investigating}</b> - We are investigating failures in ticket distribution.`);
    expect(text).toContain(formatPosted(publication.publishedAt, 'Asia/Kolkata', 'pt-BR'));
    expect(text).toContain('GMT+05:30');
    const subscription = await w.app.db.prisma.channelSubscription.findFirstOrThrow({ where: { channelId: channels.customers } });
    const thread = await w.app.db.prisma.channelThread.findFirstOrThrow({ where: { subscriptionId: subscription.id } });
    expect(thread.parentMessageId).toBe(post!.activityId);
    const delivery = await w.app.db.prisma.delivery.findFirstOrThrow({ where: { target: `channel:${subscription.id}` } });
    expect(delivery).toMatchObject({ state: 'delivered', externalId: post!.activityId });
  });

  test('a removed bot (403) stops only that channel, and the crisis room is told', async () => {
    // Failed from the start: the first update to this channel was given up too.
    const told = () => w.connector.received.filter((r) => r.conversationId === roomChannel && /could not be delivered/.test(String(r.body.text)));
    await eventually(async () => expect(told().length).toBeGreaterThanOrEqual(1), 10_000);
    const removed = await w.app.db.prisma.channelSubscription.findFirstOrThrow({ where: { channelId: removedFrom } });
    expect(await w.app.db.prisma.delivery.findFirstOrThrow({ where: { target: `channel:${removed.id}` } })).toMatchObject({ state: 'failed' });
    expect(String(told()[0]!.body.text)).toMatch(
      /Public update D1 could not be delivered to .*crisisroom was removed from the team or may not post there \(403 BotNotInConversationRoster\)/,
    );
    expect(toCustomers()).toHaveLength(1);
  });

  test('the next update is a reply in the post thread, and the post is edited to show the current status', async () => {
    const root = toCustomers()[0]!.activityId;
    await approve('identified', 'A server clock jumped to 2022; it is isolated.');
    await eventually(async () => expect(toCustomers().filter((r) => r.method === 'PUT')).toHaveLength(1), 10_000);
    const reply = toCustomers().find((r) => r.method === 'POST' && r.conversationId === `${channels.customers};messageid=${root}`);
    expect(String(reply!.body.text)).toContain(`<b>${pt.incidentStatus.identified}</b> - A server clock jumped to 2022; it is isolated.`);
    const edit = toCustomers().find((r) => r.method === 'PUT')!;
    expect(edit).toMatchObject({ conversationId: channels.customers, activityId: root });
    expect(String(edit.body.text)).toContain(`<b>${pt.incidentStatus.identified}</b>`);
  });

  test('a 429 with Retry-After is honoured: the post waits that long and is made once', async () => {
    // On the reply itself: the edit of the post is a delivery of its own, which may call first.
    w.connector.failConversation(`${channels.customers};messageid=`, { status: 429, code: 'Throttled', retryAfter: '1' }, 1);
    const started = performance.now();
    await approve('monitoring', 'The fix is deployed; we are monitoring.');
    const monitoringReplies = () =>
      toCustomers().filter((r) => r.method === 'POST' && String(r.body.text).startsWith(`<b>${pt.incidentStatus.monitoring}</b>`));
    await eventually(async () => expect(monitoringReplies()).toHaveLength(1), 15_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    await w.app.settle();
    expect(monitoringReplies()).toHaveLength(1);
    expect(toCustomers().filter((r) => r.method === 'PUT')).toHaveLength(2);
    const attempts = await w.app.db.prisma.deliveryAttempt.findMany({ where: { error: { contains: 'rate limited by Teams' } } });
    expect(attempts).toHaveLength(1);
  });
});
