import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveRoute } from '../support/serve-route.ts';
import { createStatusPageHandler } from '../../src/status-page/routes.ts';
import type { PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { summaryJson, unresolvedIncidentsJson } from '../../src/status-page/statuspage-json.ts';
import { takeBlipSnapshot } from './fixtures.ts';

const csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

let current: PublicSnapshot = takeBlipSnapshot();
/** Reads of the snapshot's content; the handler must not need any for a body it already built. */
let contentReads = 0;
const counted = (snapshot: PublicSnapshot): PublicSnapshot =>
  new Proxy(snapshot, {
    get(target, key, receiver) {
      if (key === 'incidents' || key === 'components') contentReads += 1;
      return Reflect.get(target, key, receiver);
    },
  });

let server: Awaited<ReturnType<typeof serveRoute>>;
let base: string;

beforeAll(async () => {
  server = await serveRoute(createStatusPageHandler(() => current));
  base = server.base;
});

afterAll(async () => {
  await server.close();
});

const get = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);

describe('JSON API', () => {
  test.each(['/api/v2/summary.json', '/api/v2/status.json', '/api/v2/components.json', '/api/v2/incidents.json', '/api/v2/incidents/unresolved.json'])(
    '%s is JSON for any origin, briefly cacheable, with a strong ETag',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('cache-control')).toBe('public, max-age=10');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      const body = (await response.json()) as { page: { id: string } };
      expect(body.page.id).toBe('takeblip');
    },
  );

  test('bodies are the Statuspage documents', async () => {
    expect(await (await get('/api/v2/summary.json')).json()).toEqual(summaryJson(current));
    expect(await (await get('/api/v2/incidents/unresolved.json')).json()).toEqual(unresolvedIncidentsJson(current));
  });

  test('If-None-Match answers 304 with the validators and CORS but no body', async () => {
    const first = await get('/api/v2/status.json');
    const etag = first.headers.get('etag')!;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await get('/api/v2/status.json', { headers: { 'If-None-Match': header } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('access-control-allow-origin')).toBe('*');
      expect(again.headers.get('cache-control')).toBe('public, max-age=10');
      expect(await again.text()).toBe('');
    }
    const stale = await get('/api/v2/status.json', { headers: { 'If-None-Match': '"stale"' } });
    expect(stale.status).toBe(200);
  });

  test('a new snapshot gets a new ETag', async () => {
    const before = (await get('/api/v2/summary.json')).headers.get('etag');
    const previous = current;
    current = takeBlipSnapshot();
    current.incidents[0]!.status = 'monitoring';
    const after = (await get('/api/v2/summary.json', { headers: { 'If-None-Match': before! } })).headers;
    current = previous;
    expect(after.get('etag')).not.toBe(before);
  });

  test('HEAD sends the headers and length without a body', async () => {
    const full = await get('/api/v2/components.json');
    const head = await get('/api/v2/components.json', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String((await full.arrayBuffer()).byteLength));
    expect(head.headers.get('etag')).toBe(full.headers.get('etag'));
    expect(await head.text()).toBe('');
  });
});

describe('HTML page', () => {
  test('is served with a strict CSP and privacy headers', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.text()).toContain('<html lang="en">');
  });

  test.each([
    ['', 'en'],
    ['?lang=pt-BR', 'pt-BR'],
    ['?lang=pt-br', 'pt-BR'],
    ['?lang=es', 'en'],
    ['?lang=klingon', 'en'],
  ])('language %s gives %s', async (query, lang) => {
    expect(await (await get(`/${query}`)).text()).toContain(`<html lang="${lang}">`);
  });

  test.each([
    ['', 'GMT-03:00'],
    ['?tz=Europe/Lisbon', 'GMT+01:00'],
    ['?tz=europe/lisbon', 'GMT+01:00'],
    ['?tz=Asia/Kolkata', 'GMT+05:30'],
    ['?tz=Mars/Olympus_Mons', 'GMT-03:00'],
    ['?tz=%2B03:00', 'GMT-03:00'],
    ['?tz=', 'GMT-03:00'],
  ])('zone %s stamps %s', async (query, offset) => {
    const html = await (await get(`/${query}`)).text();
    expect(html).toMatch(new RegExp(`Posted <time [^>]+>Sep 13, 2021 - \\d\\d:\\d\\d ${offset.replace('+', '\\+')}</time>`));
  });

  test('language and zone together', async () => {
    const html = await (await get('/?lang=pt-BR&tz=UTC')).text();
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('Publicado <time datetime="2021-09-13T15:20:00.000Z">13 set 2021 - 15:20 GMT+00:00</time>');
  });

  test('304 works for the page too', async () => {
    const etag = (await get('/?lang=pt-BR')).headers.get('etag')!;
    expect((await get('/?lang=pt-BR', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await get('/?lang=en', { headers: { 'If-None-Match': etag } })).status).toBe(200);
  });
});

describe('routing', () => {
  test('the stylesheet', async () => {
    const response = await get('/assets/style.css');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('.overall');
  });

  test.each(['/api/v2/nope.json', '/assets/other.css', '/index.html', '/api/v2'])('%s is left to the caller', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('not mine');
  });

  test.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('%s on an owned path is 405 with Allow', async (method) => {
    for (const path of ['/', '/api/v2/summary.json', '/assets/style.css']) {
      const response = await get(path, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    }
  });
});

describe('render cache', () => {
  test('repeated requests for one snapshot do not rebuild the body', async () => {
    const previous = current;
    current = counted(takeBlipSnapshot());
    try {
      for (const path of ['/', '/api/v2/summary.json', '/?lang=pt-BR&tz=UTC']) {
        const first = await (await get(path)).text();
        const readsAfterFirst = contentReads;
        expect(readsAfterFirst).toBeGreaterThan(0);
        expect(await (await get(path)).text()).toBe(first);
        expect(contentReads).toBe(readsAfterFirst);
        contentReads = 0;
      }
      await get('/?lang=pt-BR&tz=utc');
      expect(contentReads).toBe(0);
    } finally {
      current = previous;
    }
  });
});
