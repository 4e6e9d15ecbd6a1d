import { randomInt } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { addWebhook } from '../../src/services/webhook/webhooks.ts';
import { systemClock } from '../../src/time/clock.ts';
import { type FakeSlack, type StoredMessage, startFakeSlack } from '../fakes/slack/server.ts';
import { type WebhookReceiver, startWebhookReceiver, webhookHeaders } from '../fakes/webhooks/receiver.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { type Running, eventually, startServer, takeBlipYaml, workspace } from '../support/processes.ts';
import { type Harness, harness } from '../support/services.ts';
import { subscribeSlackChannels } from '../support/subscriptions.ts';

const channels = Array.from({ length: 40 }, (_, i) => ({ id: `C${String(i).padStart(3, '0')}`, name: `customer-${i}` }));
const updates = ['investigating', 'identified', 'monitoring', 'resolved'] as const;

const keyOf = (message: StoredMessage) => (message.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;

// Several replicas share deliveries only on PostgreSQL (SQLite refuses a second process).
describe.skipIf(!databaseKinds.includes('postgresql'))('two crisisroom processes on PostgreSQL, killed at random during a fan-out', () => {
  let database: TestDatabase;
  let db: Database;
  let fake: FakeSlack;
  let h: Harness;
  let receiver: WebhookReceiver;
  let secret: string;
  const running = new Map<string, Running>();

  beforeAll(async () => {
    database = await freshDatabase('postgresql');
    db = await database.open();
    h = await harness(
      db,
      {
        slack: { responders: [], admins: ['U0ADMIN'], channelPrefix: 'inc', postsPerSecond: 50, parentEditsPerMinute: 6000, queuedCommandsLimit: 1000 },
        webhooks: { allowLoopback: true, timeoutMs: 2000 },
      },
      systemClock.now(),
    );
    receiver = await startWebhookReceiver();
    secret = (await addWebhook(h.as('U0ADMIN', { platform: 'slack' }), { url: `${receiver.url}/hooks/status` })).secret;
    fake = await startFakeSlack({
      token: 'xoxb-replicas',
      teamId: 'T0HOME',
      botUserId: 'U0BOT',
      users: [],
      channels: channels.map((c) => ({ ...c, members: ['U0BOT'] })),
      postRateLimitPerChannelPerSecond: 0,
      transientFailureRate: 0.1,
    });
    await subscribeSlackChannels(db, channels, 'slack:U0ADMIN');
  });
  afterAll(async () => {
    for (const process of running.values()) process.child.kill('SIGKILL');
    await fake?.close();
    await receiver?.close();
    await db?.close();
    await database?.dispose();
  });

  const start = async (name: string) => {
    const { env } = workspace(`${takeBlipYaml}slack:\n  postsPerSecond: 50\n  parentEditsPerMinute: 6000\n`);
    running.set(
      name,
      await startServer({
        ...env,
        DATABASE_URL: database.url,
        SLACK_BOT_TOKEN: 'xoxb-replicas',
        SLACK_SIGNING_SECRET: 'replicas',
        SLACK_API_URL: fake.url,
        CRISISROOM_DELIVERY_LEASE_SECONDS: '2',
        CRISISROOM_WEBHOOKS_ALLOW_LOOPBACK: 'true',
      }),
    );
  };
  const kill = async (name: string) => {
    const process = running.get(name)!;
    const exited = new Promise((resolve) => process.child.once('exit', resolve));
    process.child.kill('SIGKILL');
    await exited;
  };

  test('every channel gets every update exactly once and in order, whoever was killed when', async () => {
    await Promise.all([start('a'), start('b')]);
    await declareIncident(h.as('alice'), { title: 'Ticket distribution stopped', components: ['CRM'] });
    const publications: number[] = [];
    // Each update starts a fan-out; at a random moment of it one process is killed and restarted.
    // The victims alternate, so each process also survives a whole fan-out and must work on it.
    for (const [round, status] of updates.entries()) {
      await draftPublicUpdate(h.as('alice'), { status, text: `We are ${status}: the agents' tickets.` });
      publications.push((await approveDraft(h.as('alice'), {})).publication.id);
      await new Promise((resolve) => setTimeout(resolve, randomInt(50, 1500)));
      const victim = round % 2 === 0 ? 'a' : 'b';
      await kill(victim);
      await start(victim);
    }

    await eventually(async () => {
      expect(await db.prisma.delivery.count({ where: { state: { not: 'delivered' } } })).toBe(0);
    }, 60_000);

    for (const channel of channels) {
      const messages = fake.messages(channel.id);
      const parents = messages.filter((m) => !m.thread_ts);
      expect(parents.map(keyOf)).toEqual([`publication-${publications[0]}-channel:${channels.indexOf(channel) + 1}`]);
      const replies = fake.replies(channel.id, parents[0]!.ts);
      expect(replies.map(keyOf)).toEqual(publications.slice(1).map((p) => `publication-${p}-channel:${channels.indexOf(channel) + 1}`));
    }
    // A webhook receiver cannot be asked what it got, so a repeat after a crash carries the same
    // webhook-id: counted by id, in order of first arrival, every update arrived once and in order.
    const verifier = new Webhook(secret);
    const ids = receiver.received.map((request) => {
      verifier.verify(request.body, webhookHeaders(request));
      return webhookHeaders(request)['webhook-id'];
    });
    expect([...new Set(ids)]).toEqual(publications.map((p) => `publication-${p}-webhook:1`));

    const attempts = await db.prisma.deliveryAttempt.findMany();
    const workers = new Set(attempts.map((a) => a.worker.split(':').slice(0, 2).join(':')));
    expect(workers.size).toBeGreaterThanOrEqual(2);
    // Some posts were stored by Slack while their sender died or lost the answer: the next attempt found them.
    const lookups = fake.calls.filter((c) => c.method === 'conversations.history' || c.method === 'conversations.replies').length;
    expect(lookups).toBeGreaterThan(0);
    const found = attempts.filter((a) => a.outcome === 'already-delivered').length;
    const takenOver = (await db.prisma.delivery.findMany({ where: { attempts: { gt: 1 } } })).length;
    console.log(
      `replicas: ${attempts.length} attempts by ${workers.size} processes; ${takenOver} deliveries needed more than one; ${found} found already posted; the webhook received ${ids.length} requests for ${publications.length} updates`,
    );
  }, 120_000);
});
