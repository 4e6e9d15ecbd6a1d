import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FakeStatuspage, startFakeStatuspage } from './server.ts';

/** The fake refuses what the real manage API refuses, so the target's tests mean something. */
describe('the fake Statuspage manage API', () => {
  let fake: FakeStatuspage;
  const call = async (method: string, path: string, body?: unknown, authorization = 'OAuth k1') => {
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers: { Authorization: authorization, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, retryAfter: response.headers.get('retry-after') };
  };
  const create = (incident: Record<string, unknown>) => call('POST', '/pages/p1/incidents', { incident });

  beforeAll(async () => {
    fake = await startFakeStatuspage({ apiKey: 'k1', pageId: 'p1', components: [{ name: 'API' }] });
  });
  afterAll(async () => {
    await fake.close();
  });

  test('only `Authorization: OAuth <key>` is let in, and only on its page', async () => {
    expect((await call('GET', '/pages/p1/components', undefined, 'Bearer k1')).status).toBe(401);
    expect((await call('GET', '/pages/p1/components', undefined, 'OAuth other')).body).toEqual({ message: 'Could not authenticate' });
    expect((await call('GET', '/pages/p2/components')).status).toBe(404);
    expect((await call('GET', '/pages/p1/components')).body).toMatchObject([{ name: 'API', status: 'operational' }]);
  });

  test('bodies are validated as the API does', async () => {
    const api = fake.component('API')!.id;
    expect(await create({ name: 'x', status: 'on_fire' })).toMatchObject({
      status: 422,
      body: { message: expect.stringMatching(/^incident\.status: Status "on_fire"/) },
    });
    expect((await create({ name: 'x', status: 'investigating', body: 'b'.repeat(25_001) })).body.message).toBe(
      'incident.body: Body is too long (maximum is 25000 characters)',
    );
    expect((await create({ name: 'n'.repeat(256) })).status).toBe(422);
    expect((await create({ status: 'investigating' })).status).toBe(422);
    expect((await create({ name: 'x', metadata: { crisisroom: 'INC-1' } })).body.message).toContain('Metadata top-level values must be objects');
    expect((await create({ name: 'x', components: { [api]: 'broken' } })).status).toBe(422);
    expect((await create({ name: 'x', components: { nosuchcomponent: 'major_outage' } })).body.message).toBe(
      'Component nosuchcomponent was not found on this page',
    );
    expect((await create({ name: 'x', status: 'scheduled' })).status).toBe(422);
    expect(fake.incidents()).toEqual([]);

    const ok = await create({
      name: 'x',
      status: 'investigating',
      body: 'b'.repeat(25_000),
      components: { [api]: 'major_outage' },
      metadata: { crisisroom: { incident_id: 'INC-1' } },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      status: 'investigating',
      metadata: { crisisroom: { incident_id: 'INC-1' } },
      components: [{ name: 'API', status: 'major_outage' }],
    });
  });

  test('a dropped answer still stores the work; queued errors answer with their Retry-After', async () => {
    fake.failNext({ drop: true });
    await expect(create({ name: 'dropped', status: 'investigating' })).rejects.toThrow();
    expect(fake.incidents().some((i) => i.name === 'dropped')).toBe(true);
    fake.failNext({ status: 503, retryAfter: 3 });
    expect(await create({ name: 'refused', status: 'investigating' })).toMatchObject({ status: 503, retryAfter: '3' });
    expect(fake.incidents().some((i) => i.name === 'refused')).toBe(false);
  });
});

test('the fake rate-limits per key with 429 by default', async () => {
  const fake = await startFakeStatuspage({ apiKey: 'k1', pageId: 'p1', components: [], rateLimit: { requests: 2, windowMs: 60_000, retryAfterSeconds: 1 } });
  try {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${fake.url}/pages/p1/incidents`, { headers: { Authorization: 'OAuth k1' } })).status);
    expect(statuses).toEqual([200, 200, 429]);
  } finally {
    await fake.close();
  }
});
