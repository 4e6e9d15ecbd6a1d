import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { systemClock } from '../../src/time/clock.ts';
import { type FakeStatuspage, startFakeStatuspage } from '../fakes/statuspage/server.ts';

let fake: FakeStatuspage;
let app: Awaited<ReturnType<typeof startApp>>;
const log: string[] = [];

beforeAll(async () => {
  // Its rate limit is the real one scaled down; the app spaces its requests to stay under it.
  fake = await startFakeStatuspage({
    apiKey: 'e2e-key',
    pageId: 'e2epage',
    components: [
      { name: 'CRM', group: 'Platform' },
      { name: 'Core', group: 'Platform' },
    ],
    rateLimit: { requests: 1, windowMs: 40 },
  });
  const config = loadConfig({
    CRISISROOM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'crisisroom-statuspage-')), 'data'),
    PORT: '0',
    STATUSPAGE_API_KEY: 'e2e-key',
    STATUSPAGE_PAGE_ID: 'e2epage',
    STATUSPAGE_API_URL: `${fake.url}/`,
  });
  config.components = [{ group: 'Platform', items: ['CRM', 'Core', 'Analytics'] }];
  app = await startApp(config, systemClock, (message, error) => log.push(`${message}${error ? ` :: ${String(error)}` : ''}`), { statuspageIntervalMs: 60 });
});
afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

test('declared, drafted and approved in the console: the incident appears on Statuspage, and its resolution follows', async () => {
  const say = (line: string) => app.runConsoleLine({ user: 'alice', line });
  expect(await say('/incident declare Smart Contacts not exchanging messages --sev 2 --components "CRM, Core"')).toContain('Declared INC-1');
  await say('/incident components CRM=major_outage');
  await say('/incident public investigating We are investigating failures in message exchange.');
  expect(await say('/incident approve')).toContain('Approved INC-1 D1');
  await app.settle();

  const [incident, ...others] = fake.incidents();
  expect(others).toEqual([]);
  expect(incident).toMatchObject({
    name: 'Smart Contacts not exchanging messages',
    status: 'investigating',
    impact_override: 'major',
    metadata: { crisisroom: { incident_id: 'INC-1' } },
  });
  expect(incident!.incident_updates.map((u) => u.body)).toEqual(['We are investigating failures in message exchange.']);
  expect(fake.component('CRM')!.status).toBe('major_outage');

  await say('/incident resolve Message exchange works again.');
  await say('/incident approve');
  await app.settle();
  expect(fake.incidents().map((i) => [i.name, i.status, i.incident_updates.length])).toEqual([['Smart Contacts not exchanging messages', 'resolved', 2]]);
  expect(fake.component('CRM')!.status).toBe('operational');
  expect(fake.requests.every((r) => r.status !== 429)).toBe(true);
  expect(log.join('\n')).not.toContain('e2e-key');
});
