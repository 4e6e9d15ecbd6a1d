import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DeliveryJob, PermanentDeliveryError, RetryLaterError } from '../../src/delivery/target.ts';
import { webhookTarget } from '../../src/delivery/targets/webhook.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { pageOrderOf } from '../../src/services/public-page/page-order.ts';
import { setComponents } from '../../src/services/incident/set-components.ts';
import { createWebhookDeliveries } from '../../src/db/stores/webhook-deliveries.ts';
import { addWebhook, rotateWebhookSecret } from '../../src/services/webhook/webhooks.ts';
import { systemClock } from '../../src/time/clock.ts';
import { type WebhookReceiver, startWebhookReceiver, webhookHeaders } from '../fakes/webhooks/receiver.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness, takeBlipConfig } from '../support/services.ts';
import { shippedTemplates } from '../../src/i18n/report-templates.ts';

const admin = 'U024BE7LH';
const hour = 60 * 60 * 1000;

describe.each(databaseKinds)('the webhook delivery target on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  let receiver: WebhookReceiver;
  let secret: string;
  let job: DeliveryJob;
  const asAdmin = () => h.as('Ana', { platform: 'slack', id: admin });
  const target = (overrides: Partial<Parameters<typeof webhookTarget>[0]> = {}) =>
    webhookTarget({
      deliveries: createWebhookDeliveries(database.db, h.clock, pageOrderOf(h.config)),
      clock: h.clock,
      settings: h.config.webhooks,
      publicBaseUrl: () => 'https://status.example.com/',
      reportTitles: (lang) => shippedTemplates[lang].titles,
      ...overrides,
    });
  /** The outcome of one delivery attempt, never carrying a secret or a signature. */
  const attempt = async (t = target(), delivery = job) => {
    const error = await t.deliver(delivery).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message ?? '').not.toMatch(/whsec_|v1,/);
    return error;
  };
  const verified = (request = receiver.received.at(-1)!, key = secret) => new Webhook(key).verify(request.body, webhookHeaders(request));

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // Receivers check webhook-timestamp against their own clock: the test's clock starts at the real time.
    h = await harness(
      database.db,
      { slack: { ...takeBlipConfig.slack, admins: [admin] }, webhooks: { allowLoopback: true, timeoutMs: 300 } },
      systemClock.now(),
    );
    ({ secret } = await addWebhook(asAdmin(), { url: `${receiver.url}/hook` }));
    await declareIncident(h.as('alice'), { title: 'Smart Contacts not exchanging messages', severity: 2, components: ['CRM'] });
    await setComponents(h.as('alice'), { changes: [{ name: 'CRM', state: 'major_outage' }] });
    await draftPublicUpdate(h.as('alice'), { status: 'identified', text: 'Messages are "delayed" <b>for</b> some customers.' });
    const { publication } = await approveDraft(h.as('alice'), {});
    const row = await database.db.prisma.delivery.findFirstOrThrow({ where: { publicationId: publication.id, target: 'webhook:1' } });
    job = { id: row.id, publicationId: row.publicationId, target: row.target, idempotencyKey: row.idempotencyKey, externalId: null, attempts: 0 };
  });
  afterAll(() => receiver.close());

  test('a delivery is a signed JSON POST that the Standard Webhooks verifier accepts', async () => {
    receiver.answer({ kind: 'status', status: 204 });
    expect(await attempt()).toBeNull();
    const request = receiver.received.at(-1)!;
    expect([request.method, request.path, request.headers['content-type']]).toEqual(['POST', '/hook', 'application/json']);
    expect(request.headers['webhook-id']).toBe(job.idempotencyKey);
    expect(request.headers['webhook-timestamp']).toBe(String(Math.floor(h.clock.now().getTime() / 1000)));
    const publishedAt = (await database.db.prisma.publication.findUniqueOrThrow({ where: { id: job.publicationId } })).publishedAt.toISOString();
    expect(verified(request, secret)).toEqual({
      type: 'incident.created',
      timestamp: publishedAt,
      data: {
        incident: {
          id: 'INC-1',
          name: 'Smart Contacts not exchanging messages',
          status: 'identified',
          impact: 'major',
          url: 'https://status.example.com/incidents/INC-1',
          components: ['CRM'],
          created_at: publishedAt,
          updated_at: publishedAt,
          resolved_at: null,
        },
        update: {
          id: String(job.publicationId),
          status: 'identified',
          body: 'Messages are "delayed" <b>for</b> some customers.',
          published_at: publishedAt,
          affected_components: [{ name: 'CRM', old_status: 'operational', new_status: 'major_outage' }],
        },
      },
    });
    expect(() => verified(request, `whsec_${Buffer.alloc(32, 1).toString('base64')}`)).toThrow('No matching signature found');
  });

  test('5xx and a response lost after the receiver stored the message are retried, with the same webhook-id', async () => {
    const before = receiver.received.length;
    receiver.answer({ kind: 'status', status: 500, body: 'database down' });
    const failed = await attempt();
    expect(failed).not.toBeInstanceOf(PermanentDeliveryError);
    expect(failed).not.toBeInstanceOf(RetryLaterError);
    expect(failed?.message).toBe('W1 answered HTTP 500: database down');
    receiver.answer({ kind: 'store-then-drop' });
    const lost = await attempt(target(), { ...job, attempts: 1 });
    expect(lost).not.toBeInstanceOf(PermanentDeliveryError);
    expect(lost?.message).toMatch(/^W1 could not be reached: (socket hang up|read ECONNRESET)/);
    receiver.answer({ kind: 'status', status: 200 });
    expect(await attempt(target(), { ...job, attempts: 2 })).toBeNull();
    const attempts = receiver.received.slice(before);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((r) => r.headers['webhook-id']))).toEqual(new Set([job.idempotencyKey]));
    for (const request of attempts) expect(verified(request)).toMatchObject({ type: 'incident.created' });
  });

  test('a receiver that does not answer in time is retried', async () => {
    receiver.answer({ kind: 'hang' });
    const started = performance.now();
    const error = await attempt();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect(error?.message).toBe('W1 could not be reached: no answer within 0.3 s');
  });

  test('429 and 503 with Retry-After say when to come back; without it they are plain retries', async () => {
    receiver.answer({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    const limited = await attempt();
    expect(limited).toBeInstanceOf(RetryLaterError);
    expect(limited).toMatchObject({ retryAfterMs: 30_000, message: 'W1 answered HTTP 429; it asked to retry in 30 s' });
    const inTwoMinutes = new Date(Math.ceil(h.clock.now().getTime() / 1000) * 1000 + 2 * 60 * 1000).toUTCString();
    receiver.answer({ kind: 'status', status: 503, headers: { 'retry-after': inTwoMinutes } });
    const unavailable = await attempt();
    expect(unavailable).toBeInstanceOf(RetryLaterError);
    expect((unavailable as RetryLaterError).retryAfterMs).toBeGreaterThan(119_000);
    expect((unavailable as RetryLaterError).retryAfterMs).toBeLessThanOrEqual(121_000);
    for (const status of [429, 503, 408]) {
      receiver.answer({ kind: 'status', status });
      const error = await attempt();
      expect(error, String(status)).not.toBeInstanceOf(RetryLaterError);
      expect(error, String(status)).not.toBeInstanceOf(PermanentDeliveryError);
    }
  });

  test('a redirect is not followed and fails the delivery for good, naming where it pointed', async () => {
    const before = receiver.received.length;
    receiver.answer({ kind: 'status', status: 302, headers: { location: `${receiver.url}/elsewhere` } });
    const error = await attempt();
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error?.message).toBe(
      `W1 answered HTTP 302, a redirect to ${receiver.url}/elsewhere: webhooks do not follow redirects; register the final URL instead`,
    );
    expect(receiver.received.slice(before).map((r) => r.path)).toEqual(['/hook']);
  });

  test('another 4xx fails that delivery for good and keeps the endpoint', async () => {
    receiver.answer({ kind: 'status', status: 400, body: '{"error":"unknown field"}' });
    const error = await attempt();
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error?.message).toBe('W1 answered HTTP 400: {"error":"unknown field"}');
    expect((await database.db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: 1 } })).active).toBe(true);
  });

  test('after a rotation both secrets sign for 24 hours, and each verifies; then only the new one', async () => {
    receiver.answer({ kind: 'status', status: 204 });
    // A rotation made 25 hours ago: the secret it replaced no longer signs.
    const now = h.clock.now();
    h.clock.set(new Date(now.getTime() - 25 * hour));
    const earlier = await rotateWebhookSecret(asAdmin(), { endpoint: 1 });
    h.clock.set(now);
    expect(await attempt()).toBeNull();
    const alone = receiver.received.at(-1)!;
    expect(String(alone.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verified(alone, earlier.secret)).toMatchObject({ type: 'incident.created' });
    expect(() => verified(alone, secret)).toThrow('No matching signature found');

    const rotated = await rotateWebhookSecret(asAdmin(), { endpoint: 1 });
    expect(await attempt()).toBeNull();
    const both = receiver.received.at(-1)!;
    expect(String(both.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(both, rotated.secret)).toMatchObject({ type: 'incident.created' });
    expect(verified(both, earlier.secret)).toMatchObject({ type: 'incident.created' });
    secret = rotated.secret;
  });

  test('the connection goes to the address that was checked, and the check is made again at each send', async () => {
    const toLoopback = async () => [{ address: '127.0.0.1', family: 4 }];
    const pinned = await addWebhook(asAdmin(), { url: `http://receiver.test:${receiver.port}/pinned` }, toLoopback);
    const pinnedJob = { ...job, target: `webhook:${pinned.id}`, idempotencyKey: 'pinned-1' };
    // receiver.test exists in no DNS: the request can only arrive through the checked address.
    expect(await attempt(target({ resolve: toLoopback }), pinnedJob)).toBeNull();
    const request = receiver.received.at(-1)!;
    expect([request.path, request.headers.host]).toEqual(['/pinned', `receiver.test:${receiver.port}`]);
    expect(verified(request, pinned.secret)).toMatchObject({ type: 'incident.created' });

    // A name that was public when added now resolving somewhere the policy refuses (DNS rebinding):
    // nothing is sent. (Loopback stands for the refused place, so a faulty check could reach nothing else.)
    const rebound = await addWebhook(asAdmin(), { url: `https://rebind.test:${receiver.port}/hook` }, async () => [{ address: '93.184.216.34', family: 4 }]);
    const before = receiver.received.length;
    const error = await attempt(target({ resolve: toLoopback, settings: { allowLoopback: false, timeoutMs: 300 } }), {
      ...job,
      target: `webhook:${rebound.id}`,
    });
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error?.message).toBe(
      `W${rebound.id}: Refused: rebind.test resolves to 127.0.0.1, a loopback address (this server itself); webhooks may only reach public addresses.`,
    );
    expect(receiver.received).toHaveLength(before);
  });

  test('410 Gone disables the endpoint, with the reason kept and audited; later deliveries are not sent', async () => {
    receiver.answer({ kind: 'status', status: 410 });
    const error = await attempt();
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error?.message).toBe('W1 answered HTTP 410 (Gone): the webhook is disabled; add it again once the receiver is back');
    expect(await database.db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      active: false,
      disabledReason: 'HTTP 410 Gone from the receiver',
    });
    const audit = await database.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'webhook_disabled' } });
    expect(JSON.parse(audit.detail)).toEqual({ webhook: 1, url: `${receiver.url}/hook`, reason: 'HTTP 410 Gone from the receiver' });
    const before = receiver.received.length;
    const again = await attempt();
    expect(again).toBeInstanceOf(PermanentDeliveryError);
    expect(again?.message).toBe('W1 is disabled (HTTP 410 Gone from the receiver)');
    expect(receiver.received).toHaveLength(before);
  });
});
