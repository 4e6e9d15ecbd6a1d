import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFeedHandler } from '../../src/status-page/feed-routes.ts';
import { feedEntryLimit, historyAtom, historyRss } from '../../src/status-page/feeds.ts';
import type { PublicIncident, PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { shippedTemplates } from '../../src/i18n/report-templates.ts';
import { takeBlipSnapshot } from './fixtures.ts';
import { htmlToText, parseXml } from './xml.ts';

/** 30 incidents of 2 updates each, published hour by hour, the updates of neighbours interleaved. */
function busySnapshot(): PublicSnapshot {
  const snapshot = takeBlipSnapshot();
  const hour = (n: number) => new Date(Date.UTC(2021, 8, 1) + n * 3_600_000);
  const template = snapshot.incidents[2]!;
  snapshot.incidents = Array.from(
    { length: 30 },
    (_, i): PublicIncident => ({
      ...template,
      number: i + 1,
      title: `Incident ${i + 1}`,
      updates: [
        { id: 2 * i + 2, status: 'resolved', body: 'Fixed.', publishedAt: hour(2 * i + 3), affectedComponents: [] },
        { id: 2 * i + 1, status: 'investigating', body: 'Looking.', publishedAt: hour(2 * i), affectedComponents: [] },
      ],
    }),
  ).reverse();
  return snapshot;
}

describe('history feeds', () => {
  const parser = new Parser();

  test('the latest 50 updates across incidents, newest first', async () => {
    const feed = await parser.parseString(historyAtom(busySnapshot(), { lang: 'en' }));
    expect(feed.items).toHaveLength(feedEntryLimit);
    const times = feed.items.map((item) => Date.parse(item.isoDate!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(feed.items[0]!.id).toBe('https://status.take.net/incidents/INC-30#update-60');
    // Update 59 (INC-30 investigating, hour 58) is older than INC-29's resolution (hour 59).
    expect(feed.items.slice(0, 3).map((item) => item.id!.split('/').at(-1))).toEqual(['INC-30#update-60', 'INC-29#update-58', 'INC-30#update-59']);
  });

  test("with nothing published, the feed is valid and dated by the page's last change (a component's), not by its build", async () => {
    const snapshot = { ...takeBlipSnapshot(), incidents: [] };
    const atom = await parser.parseString(historyAtom(snapshot, { lang: 'en' }));
    expect([atom.items, atom.lastBuildDate]).toEqual([[], '2021-09-13T14:22:00.000Z']);
    const rss = await parser.parseString(historyRss(snapshot, { lang: 'en' }));
    expect([rss.items, rss.lastBuildDate]).toEqual([[], 'Mon, 13 Sep 2021 14:22:00 GMT']);
  });

  test("an incident's report is an entry of its own: dated when it was published, linking to #report, in the feed's language", async () => {
    const snapshot = takeBlipSnapshot();
    const resolved = snapshot.incidents.find((incident) => incident.number === 1038)!;
    const publishedAt = new Date('2021-09-10T09:30:00Z');
    const sections = {
      en: { happened: 'The queue <b>stalled</b> & "]]>" stayed.' },
      'pt-BR': { happened: 'A fila <b>parou</b>.', closing: 'Equipe Take' },
    };
    resolved.report = { body: 'unused', publishedAt, sections };
    snapshot.page.reportTitles = { en: { ...shippedTemplates.en.titles, happened: 'Our account' } };

    // Strictly well-formed: the section's "]]>" cannot close the CDATA it sits in.
    parseXml(historyAtom(snapshot, { lang: 'en' }));
    const atom = await parser.parseString(historyAtom(snapshot, { lang: 'en' }));
    // Newer than its incident's updates (8 September), older than INC-1042's (13 September).
    expect(atom.items.map((item) => item.id!.split('/').at(-1))).toEqual([
      'INC-1042#update-5002',
      'INC-1042#update-5001',
      'INC-1038#report-1631266200000',
      'INC-1038#update-4903',
      'INC-1038#update-4902',
      'INC-1038#update-4901',
      'INC-1001#update-4001',
    ]);
    const entry = atom.items.find((item) => item.id!.includes('#report'))!;
    expect([entry.link, entry.isoDate, entry.title]).toEqual([
      'https://status.take.net/incidents/INC-1038#report',
      publishedAt.toISOString(),
      'INC-1038 · Delay in Analytics reports · Incident report',
    ]);
    expect(htmlToText(entry.content!)).toContain(`Our account\n${sections.en.happened}`);

    const rss = await parser.parseString(historyRss(snapshot, { lang: 'pt-BR' }));
    const item = rss.items.find((candidate) => candidate.link!.endsWith('#report'))!;
    expect([item.pubDate, item.title]).toEqual(['Fri, 10 Sep 2021 09:30:00 GMT', 'INC-1038 · Delay in Analytics reports · Relatório do incidente']);
    expect(htmlToText(item['content:encoded'] as string)).toContain(`O que aconteceu\n${sections['pt-BR'].happened}`);
  });

  test('a report written before sections existed is its one text', async () => {
    const snapshot = takeBlipSnapshot();
    snapshot.incidents.find((incident) => incident.number === 1038)!.report = { body: 'All of it, <once>.', publishedAt: new Date('2021-09-10T09:30:00Z') };
    const atom = await parser.parseString(historyAtom(snapshot, { lang: 'pt-BR' }));
    expect(htmlToText(atom.items.find((item) => item.link!.endsWith('#report'))!.content!)).toContain('All of it, <once>.');
  });

  test('the same snapshot gives the same bytes: nothing reads the clock', () => {
    expect(historyAtom(takeBlipSnapshot(), { lang: 'es' })).toBe(historyAtom(takeBlipSnapshot(), { lang: 'es' }));
    expect(historyRss(takeBlipSnapshot(), { lang: 'es' })).toBe(historyRss(takeBlipSnapshot(), { lang: 'es' }));
  });
});

describe('feed routes', () => {
  const snapshot = takeBlipSnapshot();
  const handler = createFeedHandler(() => snapshot);
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (!handler(req, res)) {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  test('content types, CORS, revalidation with 304', async () => {
    const atom = await fetch(`${base}/history.atom`);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(atom.headers.get('access-control-allow-origin')).toBe('*');
    expect(await atom.text()).toBe(historyAtom(snapshot, { lang: 'en' }));
    const again = await fetch(`${base}/history.atom`, { headers: { 'If-None-Match': `W/${atom.headers.get('etag')}` } });
    expect(again.status).toBe(304);
    const rss = await fetch(`${base}/history.rss?lang=PT-br`);
    expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(await rss.text()).toBe(historyRss(snapshot, { lang: 'pt-BR' }));
  });

  test('a language the page does not offer falls back to its default; other methods and paths are refused', async () => {
    expect(await (await fetch(`${base}/history.rss?lang=es`)).text()).toBe(historyRss(snapshot, { lang: 'en' }));
    const post = await fetch(`${base}/history.atom`, { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect((await fetch(`${base}/history.json`)).status).toBe(404);
  });
});
