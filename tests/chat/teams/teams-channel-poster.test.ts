import { describe, expect, test } from 'vitest';
import type { ConnectorClient } from '../../../src/chat/teams/connector-client.ts';
import { type Pace, createPace } from '../../../src/chat/pace.ts';
import { perConversationSpacingMs, teamsChannelPoster } from '../../../src/chat/teams/channel-poster.ts';
import type { ChannelDelivery, ParentEdit } from '../../../src/delivery/targets/customer-channel.ts';
import type { ChannelDeliveries } from '../../../src/db/stores/channel-deliveries.ts';

const update = { status: 'identified', body: 'A server clock jumped.', publishedAt: new Date('2026-01-05T12:00:00Z'), componentChanges: [] };
const incident = { id: 1, title: 'Ticket distribution stopped', components: [] };
const subscriptionOf = (channelId: string) => ({
  id: 1,
  channelId,
  channelName: channelId,
  language: 'en',
  timeZone: 'UTC',
  serviceUrl: null,
  tenantId: null,
  teamGroupId: null,
});

/** A reply in a channel's thread, as the delivery target loads it, after `attempts` earlier ones. */
const reply = (id: number, channelId: string, attempts = 0) =>
  ({
    delivery: { id, publicationId: 2, idempotencyKey: `key-${id}`, externalId: null },
    subscription: subscriptionOf(channelId),
    thread: { id, parentMessageId: `post-${channelId}` },
    incident,
    update,
    attempts,
  }) as unknown as ChannelDelivery;
const edit = (channelId: string) =>
  ({
    delivery: { id: 100 },
    subscription: subscriptionOf(channelId),
    thread: { id: 1, parentMessageId: `post-${channelId}` },
    incident,
    update,
    publicationId: 2,
  }) as unknown as ParentEdit;

const record = { recordExternalId: async () => undefined } as unknown as ChannelDeliveries;

/** A Bot Connector that notes which conversation each call went to, and when. */
function connector() {
  const calls: { to: string; at: number }[] = [];
  const note = async (to: string) => {
    calls.push({ to: to.split(';')[0]!, at: performance.now() });
    return `activity-${calls.length}`;
  };
  const client = { post: async (_url: string, to: string) => note(to), update: async (_url: string, to: string) => note(to) } as unknown as ConnectorClient;
  return { calls, client };
}

const posterWith = (client: ConnectorClient, pace: Pace) =>
  teamsChannelPoster({
    connector: client,
    pace,
    defaultServiceUrl: 'https://smba.example.com',
    defaultTenantId: 'tenant',
    components: () => [],
    publicBaseUrl: () => 'https://status.example.com',
  });

describe('Teams customer-channel poster', () => {
  test("a call waiting for its channel's spacing spends none of the tenant's turns: other channels go meanwhile", async () => {
    const { calls, client } = connector();
    const poster = posterWith(client, createPace(10));
    await poster.post(reply(1, 'A'), record);
    const started = performance.now();
    // The edit of A's post, asked for first, must wait for A's spacing; B and C need only the tenant's pace.
    await Promise.all([poster.editParent(edit('A')), poster.post(reply(3, 'B'), record), poster.post(reply(4, 'C'), record)]);
    const at = (to: string) => calls.findLast((c) => c.to === to)!.at - started;
    expect(at('B')).toBeLessThan(150);
    expect(at('C')).toBeLessThan(at('A'));
    expect(at('A')).toBeGreaterThanOrEqual(perConversationSpacingMs - 20);
  });

  test('edits of the posts wait in the pace behind the posts, and retries go first', async () => {
    const { calls, client } = connector();
    const pace = createPace(10);
    // The second's ten turns are taken: what is asked for now waits for the next, in its order.
    await Promise.all(Array.from({ length: 10 }, () => pace.add(async () => undefined)));
    const poster = posterWith(client, pace);
    await Promise.all([poster.editParent(edit('E')), poster.post(reply(1, 'F'), record), poster.post(reply(2, 'R', 1), record)]);
    expect(calls.map((c) => c.to)).toEqual(['R', 'F', 'E']);
  });
});
