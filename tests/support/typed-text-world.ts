// Every place a published update goes, over one real database: the status page (HTML, JSON, feeds)
// served over HTTP, a webhook receiver, an SMTP server, a fake Slack and a fake Bot Connector, each
// reached through crisisroom's own delivery targets; and the approval cards of both platforms.
import { WebClient } from '@slack/web-api';
import PQueue from 'p-queue';
import { loadApprovalView } from '../../src/chat/approval-view.ts';
import { approvalCard } from '../../src/chat/slack/blocks/approval-card.ts';
import { slackChannelPoster } from '../../src/chat/slack/channel-poster.ts';
import { teamsApprovalCard } from '../../src/chat/teams/cards/approval-card.ts';
import { teamsChannelPoster } from '../../src/chat/teams/channel-poster.ts';
import { createConnectorClient } from '../../src/chat/teams/connector-client.ts';
import { createBotTokens } from '../../src/chat/teams/bot-token.ts';
import type { Database } from '../../src/db/client.ts';
import { channelParentTarget, customerChannelTarget } from '../../src/delivery/targets/customer-channel.ts';
import { emailSubscriberTarget } from '../../src/delivery/targets/email.ts';
import { webhookTarget } from '../../src/delivery/targets/webhook.ts';
import { createTurns } from '../../src/delivery/turns.ts';
import { smtpMailer } from '../../src/mail/mailer.ts';
import { createChannelDeliveries } from '../../src/db/stores/channel-deliveries.ts';
import { createEmailDeliveries } from '../../src/db/stores/email-deliveries.ts';
import { confirmEmailSubscription, requestEmailSubscription } from '../../src/services/subscription/email-subscribers.ts';
import { loadPublicSnapshot } from '../../src/services/public-page/load-public-snapshot.ts';
import { pageOrderOf } from '../../src/services/public-page/page-order.ts';
import { createRoomStore } from '../../src/db/stores/rooms.ts';
import { subscribeChannel } from '../../src/services/subscription/subscriptions.ts';
import { createWebhookDeliveries } from '../../src/db/stores/webhook-deliveries.ts';
import { addWebhook } from '../../src/services/webhook/webhooks.ts';
import { createFeedHandler } from '../../src/status-page/feed-routes.ts';
import { createStatusPageHandler } from '../../src/status-page/routes.ts';
import type { PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { startFakeSlack } from '../fakes/slack/server.ts';
import { startSmtpServer } from '../fakes/smtp.ts';
import { startFakeConnector } from '../fakes/teams/connector.ts';
import { startWebhookReceiver } from '../fakes/webhooks/receiver.ts';
import { serveRoute } from './serve-route.ts';
import { harness, takeBlipConfig } from './services.ts';
import { shippedTemplates } from '../../src/i18n/report-templates.ts';

const slackAdmin = 'U0ALICE';
const teamsAdmin = '00000000-0000-4000-8000-00000000a11c';
const slackChannel = 'C0ACME';

export async function typedTextWorld(db: Database) {
  const h = await harness(db, {
    slack: { ...takeBlipConfig.slack, admins: [slackAdmin] },
    teams: { ...takeBlipConfig.teams, admins: [teamsAdmin] },
    webhooks: { allowLoopback: true, timeoutMs: 5000 },
  });
  const [receiver, smtp, slack, connector] = await Promise.all([
    startWebhookReceiver(),
    startSmtpServer(),
    startFakeSlack({
      token: 'xoxb-typed',
      teamId: 'T0HOME',
      botUserId: 'U0BOT',
      users: [],
      channels: [{ id: slackChannel, name: 'acme-status', members: ['U0BOT'] }],
      postRateLimitPerChannelPerSecond: 0,
    }),
    startFakeConnector({ appId: 'typed-app', appPassword: 'typed-secret' }),
  ]);
  const base = h.config.publicBaseUrl;
  const layout = h.config.components.flatMap((group) => group.items.map((name) => ({ group: group.group ?? null, name })));
  const visitor = { ...h.as('visitor'), actor: { platform: 'api' as const, id: 'status-page', name: 'visitor' } };
  const { subscriber } = await requestEmailSubscription(visitor, { address: 'reader@example.com' });
  await confirmEmailSubscription(visitor, { token: subscriber.confirmToken });
  await addWebhook(h.as('Alice', { platform: 'slack', id: slackAdmin }), { url: `${receiver.url}/hook` });
  await subscribeChannel(h.as('Alice', { platform: 'slack', id: slackAdmin }), { channelId: slackChannel, channelName: 'acme-status' });
  await subscribeChannel(h.as('Alice', { platform: 'teams', id: teamsAdmin }), {
    channelId: '19:customers@thread.tacv2',
    channelName: 'Customers',
    serviceUrl: connector.serviceUrl,
    tenantId: 'tenant-1',
  });

  const mailer = smtpMailer({ url: smtp.url, from: 'status@example.test', fromAddress: 'status@example.test' });
  const site = { name: h.config.statusPage.name, url: base, languages: [...h.config.statusPage.languages], timeZone: h.config.statusPage.timeZone };
  const teamsConnector = createConnectorClient({
    tokens: createBotTokens({ tokenUrl: connector.tokenUrl, appId: 'typed-app', appPassword: 'typed-secret', clock: h.clock }),
    clock: h.clock,
  });
  const channels = createChannelDeliveries(db);
  // A poster keeps its posts to one channel apart (Slack one a second, Teams half a second): each publication gets its own.
  const posters = () => ({
    slack: slackChannelPoster({
      client: new WebClient('xoxb-typed', { slackApiUrl: slack.url, retryConfig: { retries: 0 } }),
      pace: new PQueue(),
      editTurns: createTurns(6000),
      components: () => layout,
      publicBaseUrl: () => base,
    }),
    teams: teamsChannelPoster({
      connector: teamsConnector,
      pace: new PQueue(),
      defaultServiceUrl: connector.serviceUrl,
      defaultTenantId: 'tenant-1',
      components: () => layout,
      publicBaseUrl: () => base,
    }),
  });
  const targets = () => ({
    email: emailSubscriberTarget(createEmailDeliveries(db), mailer, () => site),
    webhook: webhookTarget({
      deliveries: createWebhookDeliveries(db, h.clock, pageOrderOf(h.config)),
      clock: h.clock,
      settings: h.config.webhooks,
      publicBaseUrl: () => base,
      reportTitles: (lang) => shippedTemplates[lang].titles,
    }),
    channel: customerChannelTarget(channels, posters()),
    parent: channelParentTarget(channels, posters(), () => {}),
  });

  let snapshot: PublicSnapshot | undefined;
  const pages = createStatusPageHandler(() => snapshot!);
  const feeds = createFeedHandler(() => snapshot!);
  const served = await serveRoute((req, res) => pages(req, res) || feeds(req, res));
  const rooms = createRoomStore(db);

  return {
    h,
    /** A responder in the crisis room; e-mail subscribers are sent updates, as when a mail server is configured. */
    as: (name: string) => ({ ...h.as(name), emailUpdates: true }),
    slack,
    smtp,
    receiver,
    connector,
    slackChannel,
    /**
     * Sends one publication everywhere, as the delivery worker would, and rebuilds the status page;
     * `only` keeps to the status page and the kinds of target named (`email`, `webhook`…).
     */
    async deliver(publicationId: number, only?: readonly string[]): Promise<void> {
      const rows = (await db.prisma.delivery.findMany({ where: { publicationId }, orderBy: { id: 'asc' } })).filter(
        (row) => only === undefined || only.includes(row.target.split(':')[0]!),
      );
      const all = targets();
      for (const row of rows) {
        // The status page's delivery is the snapshot rebuilt below.
        if (row.target === 'status-page') continue;
        const target = all[row.target.split(':')[0] as keyof typeof all];
        if (!target) throw new Error(`no target in this world delivers ${row.target}`);
        await target.deliver({ id: row.id, publicationId, target: row.target, idempotencyKey: row.idempotencyKey, externalId: row.externalId, attempts: 0 });
      }
      snapshot = await loadPublicSnapshot(db, h.clock, h.config);
    },
    /** A page of the status site, as a visitor's browser or feed reader gets it. */
    async get(path: string): Promise<string> {
      const response = await fetch(`${served.base}${path}`);
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return response.text();
    },
    /** The approval card of a draft (by row id), as each platform shows it in the crisis room. */
    async cards(draftId: number) {
      const { view } = await loadApprovalView(h, rooms, draftId);
      return { slack: approvalCard(view), teams: teamsApprovalCard({ ...view, approverIds: [] }) };
    },
    async close(): Promise<void> {
      mailer.close();
      await Promise.all([served.close(), receiver.close(), smtp.close(), slack.close(), connector.close()]);
    },
  };
}

export type TypedTextWorld = Awaited<ReturnType<typeof typedTextWorld>>;
