import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { historyPageSize, type HistoryPage, type HistorySource } from '../../src/domain/public-page/history.ts';
import { serveRoute } from '../support/serve-route.ts';
import { createStatusPageHandler } from '../../src/status-page/routes.ts';
import type { PublicIncident, PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { busySnapshot } from './busy-fixture.ts';
import { takeBlipSnapshot } from './fixtures.ts';

const csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Thirty older incidents only "the database" holds, INC-2000 to INC-2029. */
const archive = busySnapshot(30).incidents;
let current: PublicSnapshot = takeBlipSnapshot();
const calls = { page: [] as number[], incident: [] as number[] };
/** Set to make the next loads fail, as a database that went away would. */
let failing = false;
/** Loads wait for this before answering, so concurrent requests overlap one load. */
let gate: Promise<void> = Promise.resolve();

const history: HistorySource = {
  async page(page) {
    calls.page.push(page);
    await gate;
    if (failing) throw new Error('database unreachable');
    const all = [...current.incidents, ...archive];
    const start = (page - 1) * historyPageSize;
    return {
      page,
      incidents: all.slice(start, start + historyPageSize),
      hasNext: all.length > start + historyPageSize,
      loadedAt: current.builtAt,
    } satisfies HistoryPage;
  },
  async incident(number) {
    calls.incident.push(number);
    await gate;
    if (failing) throw new Error('database unreachable');
    return archive.find((incident: PublicIncident) => incident.number === number) ?? null;
  },
};

let server: Awaited<ReturnType<typeof serveRoute>>;
let base: string;

beforeAll(async () => {
  server = await serveRoute(createStatusPageHandler({ snapshot: () => current, history }));
  base = server.base;
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  current = takeBlipSnapshot();
  calls.page = [];
  calls.incident = [];
  failing = false;
  gate = Promise.resolve();
});

const get = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);

describe('incident pages', () => {
  test('a recent incident renders from the snapshot, with the page headers', async () => {
    const response = await get('/incidents/INC-1042');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('cache-control')).toBe('public, max-age=10');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(await response.text()).toContain('<h1 class="incident-title">Instability when sending and receiving messages</h1>');
    expect(calls.incident).toEqual([]);
  });

  test('an older one is loaded once per snapshot, however many visitors, languages and zones', async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const burst = Array.from({ length: 20 }, () => get('/incidents/INC-2003'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    open();
    const bodies = await Promise.all(burst.map(async (response) => (await response).text()));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain(`<h1 class="incident-title">${archive.find((i) => i.number === 2003)!.title}</h1>`);
    await get('/incidents/INC-2003?lang=pt-BR&tz=UTC');
    expect(calls.incident).toEqual([2003]);
    current = takeBlipSnapshot();
    await get('/incidents/INC-2003');
    expect(calls.incident).toEqual([2003, 2003]);
  });

  test('language and zone', async () => {
    const html = await (await get('/incidents/INC-1042?lang=pt-br&tz=Europe/Lisbon')).text();
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('Publicado <time datetime="2021-09-13T15:20:00.000Z">13 set 2021 - 16:20 GMT+01:00</time>');
    expect(html).toContain('Impacto para os clientes: <time datetime="2021-09-13T14:05:00.000Z">13 set 2021 - 15:05 GMT+01:00</time> → em andamento');
  });

  test('ETag and 304, per language', async () => {
    const etag = (await get('/incidents/INC-2003')).headers.get('etag')!;
    const again = await get('/incidents/INC-2003', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-security-policy')).toBe(csp);
    expect((await get('/incidents/INC-2003?lang=pt-BR', { headers: { 'If-None-Match': etag } })).status).toBe(200);
  });

  test('an unknown incident is a 404 page, asked of the database once', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await get('/incidents/INC-99');
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(csp);
      const html = await response.text();
      expect(html).toContain('<h1>Page not found</h1>');
      expect(html).toContain('INC-99 does not exist or has not been published.');
    }
    expect(calls.incident).toEqual([99]);
    const notModified = await get('/incidents/INC-99', { headers: { 'If-None-Match': '*' } });
    expect(notModified.status).toBe(404);
  });

  test('a number no incident can have is not found without asking', async () => {
    for (const path of ['/incidents/INC-0', '/incidents/INC-99999999999', '/incidents/INC-2147483648']) {
      expect((await get(path)).status).toBe(404);
    }
    expect(calls.incident).toEqual([]);
  });

  test('other /incidents/ addresses are left to the caller', async () => {
    for (const path of ['/incidents/MNT-1', '/incidents/INC-7/', '/incidents/inc-7', '/incidents/INC-<b>']) {
      expect(await (await get(path)).text()).toBe('not mine');
    }
  });

  test('a failed load is a 503 that is not kept: the next visitor tries again', async () => {
    failing = true;
    const failed = await get('/incidents/INC-2001');
    expect(failed.status).toBe(503);
    expect(failed.headers.get('cache-control')).toBe('no-store');
    expect(failed.headers.get('retry-after')).toBe('5');
    failing = false;
    expect((await get('/incidents/INC-2001')).status).toBe(200);
    expect(calls.incident).toEqual([2001, 2001]);
  });
});

describe('history pages', () => {
  test('page 1 at /history, loaded once per snapshot for every visitor', async () => {
    const first = await Promise.all([get('/history'), get('/history?page=1'), get('/history?lang=pt-BR')]);
    expect(first.map((r) => r.status)).toEqual([200, 200, 200]);
    const html = await first[0]!.text();
    expect(html).toContain('<h1>Incident history</h1>');
    expect(html).toContain('<a href="/incidents/INC-1042">Instability when sending and receiving messages</a>');
    expect(html).toContain('<a rel="next" href="/history/page/2/">');
    expect(calls.page).toEqual([1]);
  });

  test('the last page links back and not forward; past it is a 404', async () => {
    const last = await (await get('/history?page=2')).text();
    expect(last).toContain('<a rel="prev" href="/history">');
    expect(last).not.toContain('rel="next"');
    expect((await get('/history?page=3')).status).toBe(404);
    expect(calls.page).toEqual([2, 3]);
  });

  test.each(['0', '-1', '1.5', 'abc', '', '1234567'])('page=%s is a 404 without a load', async (page) => {
    const response = await get(`/history?page=${page}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('There is nothing at this address.');
    expect(calls.page).toEqual([]);
  });

  test('ETag and 304; HEAD; other methods refused', async () => {
    const etag = (await get('/history')).headers.get('etag')!;
    expect((await get('/history', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const head = await get('/history', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('/history', { method: 'POST' })).status).toBe(405);
  });
});

describe('a handler given only the snapshot', () => {
  test('serves history and incident pages from the snapshot alone', async () => {
    const handler = createStatusPageHandler(() => current);
    const own = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(own.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/incidents/INC-1038`)).status).toBe(200);
      expect((await fetch(`${url}/incidents/INC-2003`)).status).toBe(404);
      expect(await (await fetch(`${url}/history`)).text()).toContain('Portal login errors');
    } finally {
      await new Promise((resolve) => own.close(resolve));
    }
  });
});
