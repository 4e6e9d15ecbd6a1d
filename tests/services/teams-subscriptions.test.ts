import { beforeAll, describe, expect, test } from 'vitest';
import { listSubscriptions, subscribeChannel, unsubscribeChannel } from '../../src/services/subscription/subscriptions.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness, takeBlipConfig } from '../support/services.ts';

const admin = 'A1A1A1A1-0000-4000-8000-000000000001';
const channelId = '19:customers0000@thread.tacv2';
const serviceUrl = 'https://smba.trafficmanager.net/amer/';
const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe.each(databaseKinds)('Teams customer channels on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  const asTeams = (id: string) => h.as('Ana', { platform: 'teams', id });

  beforeAll(async () => {
    // Configured in upper case, typed by Teams in lower case: the same Entra object id.
    h = await harness(database.db, { teams: { ...takeBlipConfig.teams, admins: [admin] } });
  });

  test('a Teams admin subscribes a channel, and the Bot Connector address and tenant are kept for proactive posts', async () => {
    const subscription = await subscribeChannel(asTeams(admin.toLowerCase()), {
      channelId,
      channelName: 'Acme › Status',
      components: ['crm'],
      language: 'pt-BR',
      serviceUrl,
      tenantId,
    });
    expect(subscription).toMatchObject({
      platform: 'teams',
      channelId,
      channelName: 'Acme › Status',
      components: ['CRM'],
      language: 'pt-BR',
      timeZone: 'America/Sao_Paulo',
      serviceUrl,
      tenantId,
    });
    const audit = await database.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'channel_subscribed' } });
    expect(audit).toMatchObject({ actorId: `teams:${admin.toLowerCase()}`, platform: 'teams' });
  });

  test('a Teams person who is not an admin is refused, naming teams.admins; a Slack admin id means nothing in Teams', async () => {
    await expect(
      subscribeChannel(asTeams('b2b2b2b2-0000-4000-8000-000000000002'), { channelId: '19:other@thread.tacv2', channelName: 'Other' }),
    ).rejects.toThrow(/teams\.admins/);
    const slackAdmins = await harness(database.db, { slack: { ...takeBlipConfig.slack, admins: [admin] } });
    await expect(
      subscribeChannel(slackAdmins.as('Ana', { platform: 'teams', id: admin }), { channelId: '19:other@thread.tacv2', channelName: 'Other' }),
    ).rejects.toThrow(/Only crisisroom admins/);
    expect(await database.db.prisma.channelSubscription.count({ where: { channelId: '19:other@thread.tacv2' } })).toBe(0);
  });

  test('the Teams subscriptions are listed, and an admin unsubscribes one', async () => {
    expect((await listSubscriptions(asTeams(admin))).map((s) => s.channelId)).toEqual([channelId]);
    await unsubscribeChannel(asTeams(admin), { channelId });
    expect(await listSubscriptions(asTeams(admin))).toEqual([]);
  });
});
