import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StatuspageClientOptions, createStatuspageClient } from '../../src/delivery/statuspage-io/client.ts';
import { PermanentDeliveryError, RetryLaterError } from '../../src/delivery/target.ts';
import { statuspageIoTarget } from '../../src/delivery/targets/statuspage-io.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { setReportSection } from '../../src/services/report/report-drafts.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { setComponents } from '../../src/services/incident/set-components.ts';
import { createStatuspageLinks } from '../../src/db/stores/statuspage-links.ts';
import { type FakeStatuspage, startFakeStatuspage } from '../fakes/statuspage/server.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

const apiKey = 'sp-test-key-3f9a';
const pageId = 'pg1test';

describe.each(databaseKinds)('the Atlassian Statuspage target on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  let fake: FakeStatuspage;
  const log: string[] = [];

  const target = (overrides: Partial<StatuspageClientOptions> = {}) =>
    statuspageIoTarget({
      links: createStatuspageLinks(database.db),
      client: createStatuspageClient({ apiKey, pageId, apiUrl: fake.url, clock: h.clock, minIntervalMs: 0, ...overrides }),
      log: (message) => log.push(message),
    });
  const as = (name: string) => ({ ...h.as(name), deliveryTargets: ['status-page', 'statuspage-io'] });
  const publish = async (status: 'investigating' | 'identified' | 'monitoring', text: string, incident?: number) => {
    await draftPublicUpdate(as('alice'), { status, text, ...(incident ? { incident } : {}) });
    return (await approveDraft(as('alice'), incident ? { incident } : {})).publication.id;
  };
  /** The delivery of a publication to Statuspage, as the worker hands it to the target. */
  const job = async (publicationId: number, attempts = 0) => {
    const row = await database.db.prisma.delivery.findFirstOrThrow({ where: { publicationId, target: 'statuspage-io' } });
    return { ...row, attempts };
  };
  const link = async (incidentId: number) => (await database.db.prisma.statuspageIncident.findUnique({ where: { incidentId } }))?.externalId;

  beforeAll(async () => {
    h = await harness(database.db);
    fake = await startFakeStatuspage({
      apiKey,
      pageId,
      components: [{ name: 'CRM', group: 'Take Blip Platform' }, { name: 'core', group: 'Take Blip Platform' }, { name: 'Portal' }],
    });
  });
  afterAll(async () => {
    await fake.close();
  });

  test('the first update creates their incident: name, status, body, impact, components by name, and our metadata', async () => {
    await declareIncident(as('alice'), { title: 'Smart Contacts not exchanging messages', severity: 2, components: ['CRM', 'Core', 'Analytics'] });
    await setComponents(as('alice'), {
      incident: 1,
      changes: [
        { name: 'CRM', state: 'major_outage' },
        { name: 'Analytics', state: 'degraded_performance' },
      ],
    });
    const first = await publish('investigating', 'We are investigating failures in message exchange.', 1);
    const delivery = await job(first);

    expect(await target().deliver(delivery)).toBeUndefined();

    const [incident, ...others] = fake.incidents();
    expect(others).toEqual([]);
    expect(incident).toMatchObject({
      name: 'Smart Contacts not exchanging messages',
      status: 'investigating',
      impact_override: 'major',
      metadata: { crisisroom: { incident_id: 'INC-1', idempotency_key: delivery.idempotencyKey } },
    });
    expect(incident!.incident_updates.map((u) => [u.status, u.body])).toEqual([['investigating', 'We are investigating failures in message exchange.']]);
    // Matched by name whatever the case; Analytics has no namesake there and is left out, with a log line.
    const crm = fake.component('CRM')!;
    const core = fake.component('core')!;
    expect(incident!.component_ids.sort()).toEqual([crm.id, core.id].sort());
    expect(crm.status).toBe('major_outage');
    expect(log).toContain('statuspage-io: INC-1: no component named "Analytics" on Statuspage; left out');
    expect(await link(1)).toBe(incident!.id);
    const post = fake.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toMatchObject({ incident: { components: { [crm.id]: 'major_outage' }, deliver_notifications: true } });
  });

  test('later updates edit the same incident: status, body and component states', async () => {
    await setComponents(as('alice'), { incident: 1, changes: [{ name: 'CRM', state: 'partial_outage' }] });
    const second = await publish('identified', 'A server with a wrong clock was found.', 1);
    await target().deliver(await job(second));

    const [incident, ...others] = fake.incidents();
    expect(others).toEqual([]);
    expect(incident!.status).toBe('identified');
    expect(incident!.incident_updates.map((u) => [u.status, u.body])).toEqual([
      ['identified', 'A server with a wrong clock was found.'],
      ['investigating', 'We are investigating failures in message exchange.'],
    ]);
    expect(fake.component('CRM')!.status).toBe('partial_outage');
    expect(fake.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  test('a lost answer to an update is not posted twice when retried', async () => {
    const third = await publish('monitoring', 'A fix is in place; we are watching.', 1);
    fake.failNext({ drop: true }, /^PATCH /);
    await expect(target().deliver(await job(third))).rejects.toThrow(/Statuspage unreachable/);
    expect(await target().deliver(await job(third, 1))).toBe('already-delivered');
    expect(fake.incidents()[0]!.incident_updates.filter((u) => u.status === 'monitoring')).toHaveLength(1);
  });

  test('a lost answer to the creation is found by its metadata on retry: no second incident', async () => {
    await declareIncident(as('alice'), { title: 'Portal login failures', severity: 3, components: ['Portal'] });
    const first = await publish('investigating', 'Some logins fail.', 2);
    fake.failNext({ drop: true }, /^POST /);
    await expect(target().deliver(await job(first))).rejects.toThrow(/Statuspage unreachable/);
    expect(fake.incidents().filter((i) => i.name === 'Portal login failures')).toHaveLength(1);
    expect(await link(2)).toBeUndefined();

    expect(await target().deliver(await job(first, 1))).toBe('already-delivered');
    const created = fake.incidents().filter((i) => i.name === 'Portal login failures');
    expect(created).toHaveLength(1);
    expect(await link(2)).toBe(created[0]!.id);

    const second = await publish('identified', 'An expired certificate.', 2);
    await target().deliver(await job(second, 1));
    expect(fake.incidents().filter((i) => i.name === 'Portal login failures')[0]!.status).toBe('identified');
  });

  test('a server error is retried (Retry-After honoured); the retry delivers once', async () => {
    await declareIncident(as('alice'), { title: 'Analytics delayed', severity: 4 });
    const first = await publish('investigating', 'Reports are late.', 3);
    fake.failNext({ status: 500 }, /^POST /);
    const error = await target()
      .deliver(await job(first))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toContain('HTTP 500');

    fake.failNext({ status: 503, retryAfter: 7 }, /^GET .*\/incidents\?/);
    await expect(target().deliver(await job(first, 1))).rejects.toSatisfy((e) => e instanceof RetryLaterError && e.retryAfterMs === 7000);

    await target().deliver(await job(first, 2));
    expect(fake.incidents().filter((i) => i.name === 'Analytics delayed')).toHaveLength(1);
    expect(fake.incidents().find((i) => i.name === 'Analytics delayed')!.impact_override).toBe('none');
  });

  test('a refused key or a missing page is permanent, with a reason that never shows the key', async () => {
    await declareIncident(as('alice'), { title: 'Core queue backlog', severity: 3 });
    const first = await publish('investigating', 'Messages queue up.', 4);
    const refused = await target({ apiKey: 'revoked-key-77' })
      .deliver(await job(first))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermanentDeliveryError);
    expect((refused as Error).message).toBe(
      `Statuspage refused the API key (HTTP 401: Could not authenticate): check STATUSPAGE_API_KEY and its access to page ${pageId}`,
    );
    expect((refused as Error).message).not.toContain('revoked-key-77');

    fake.failNext({ status: 403, message: 'You are not authorized to access this resource.' });
    await expect(target().deliver(await job(first))).rejects.toThrow(PermanentDeliveryError);
    await expect(target({ pageId: 'gone0page' }).deliver(await job(first))).rejects.toThrow(
      new PermanentDeliveryError('Statuspage page gone0page was not found: check STATUSPAGE_PAGE_ID'),
    );
    expect(fake.incidents().some((i) => i.name === 'Core queue backlog')).toBe(false);
    const client = createStatuspageClient({ apiKey, pageId, apiUrl: fake.url, clock: h.clock, minIntervalMs: 0 });
    await expect(client.getIncident('deleted1')).rejects.toThrow(new PermanentDeliveryError('Statuspage incident deleted1 no longer exists (deleted there?)'));
  });

  test('the resolution and the incident report: resolved there, components back, postmortem published without notifications', async () => {
    await resolveIncident(as('alice'), { incident: 1, text: 'Message exchange works again.' });
    const resolved = (await approveDraft(as('alice'), { incident: 1 })).publication.id;
    await target().deliver(await job(resolved));
    const incident = () => fake.incidents().find((i) => i.name === 'Smart Contacts not exchanging messages')!;
    expect(incident().status).toBe('resolved');
    expect(fake.component('CRM')!.status).toBe('operational');

    const text = 'What happened\nA server clock jumped to 2022.\n\nWhat we did\nWe isolated it.';
    const { draft } = await setReportSection(as('alice'), { incident: 1, section: 'happened', text });
    const report = (await approveDraft(as('alice'), { incident: 1 })).publication.id;
    await target().deliver(await job(report));
    // Statuspage holds one postmortem text: the whole report in the page's default language, its titles included.
    expect(draft.body).toContain(`What happened\n${text}\n\nHow this issue impacted you`);
    expect(incident().postmortem).toMatchObject({ body: draft.body, notify_subscribers: false });
    expect(await target().deliver(await job(report, 1))).toBe('already-delivered');
  });
});

describe('Statuspage rate limit', () => {
  test('requests are spaced to stay under the limit; a client that does not is refused with 420 and retried', async () => {
    const fake = await startFakeStatuspage({ apiKey, pageId, components: [], rateLimit: { requests: 1, windowMs: 150, status: 420 } });
    const clock = { now: () => new Date(0), trust: () => ({ trusted: true as const }) };
    try {
      const spaced = createStatuspageClient({ apiKey, pageId, apiUrl: fake.url, clock, minIntervalMs: 200 });
      await Promise.all([spaced.recentIncidents(), spaced.recentIncidents(), spaced.recentIncidents()]);
      expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200]);

      const hasty = createStatuspageClient({ apiKey, pageId, apiUrl: fake.url, clock, minIntervalMs: 0 });
      const results = await Promise.allSettled([hasty.recentIncidents(), hasty.recentIncidents()]);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).not.toBeInstanceOf(PermanentDeliveryError);
      expect(String(refused.reason)).toContain('Statuspage rate limit (HTTP 420: Rate limit exceeded)');
    } finally {
      await fake.close();
    }
  });
});
