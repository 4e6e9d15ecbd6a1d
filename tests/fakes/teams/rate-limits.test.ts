import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeConnector } from './connector.ts';

type Connector = Awaited<ReturnType<typeof startFakeConnector>>;

/** The fake Bot Connector holds a bot to Teams' documented limits, as Teams does. */
describe('the fake Bot Connector with Teams rate limits', () => {
  let connector: Connector;
  let token: string;
  const post = (conversation: string) =>
    fetch(`${connector.serviceUrl}v3/conversations/${encodeURIComponent(conversation)}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hello' }),
    }).then((r) => r.status);

  beforeAll(async () => {
    connector = await startFakeConnector({ appId: 'app', appPassword: 'secret', rateLimits: { tenantPerSecond: 10 } });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'app',
      client_secret: 'secret',
      scope: 'https://api.botframework.com/.default',
    });
    token = ((await (await fetch(connector.tokenUrl, { method: 'POST', body: form })).json()) as { access_token: string }).access_token;
  });
  afterAll(() => connector?.close());

  test('7 calls a second to one thread, the 8th refused with 429, a thread of the channel counting as the channel', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await post('19:a@thread.tacv2'));
    for (let i = 0; i < 4; i++) statuses.push(await post('19:a@thread.tacv2;messageid=1'));
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
  });

  test('the tenant allows the app 10 requests a second here: other conversations are refused past them', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push(await post(`19:b${i}@thread.tacv2`));
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.at(-1)).toBe(429);
  });
});
