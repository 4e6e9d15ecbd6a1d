import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Parser from 'rss-parser';
import { Statuspage } from 'statuspage.io';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFeedHandler } from '../../src/status-page/feed-routes.ts';
import { createStatusPageHandler } from '../../src/status-page/routes.ts';
import type { PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { summaryJson } from '../../src/status-page/statuspage-json.ts';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { takeBlipSnapshot } from './fixtures.ts';
import { atomNs, childrenNamed, contentNs, htmlToText, parseXml, type XmlElement } from './xml.ts';

const hasChromium = chromiumAvailable("Atlassian's status widget in Chromium");

const hostileTitle = 'Checkout <script>alert("x")</script> & "quotes" ]]> twice ]]>';
const hostileBody = 'Errors on <b>payments</b> & refunds ]]> still <script>alert(1)</script>\nsecond line';

/** Take Blip's page with hostile text in its open incident: every client must show it as text. */
function hostileSnapshot(): PublicSnapshot {
  const snapshot = takeBlipSnapshot();
  const open = snapshot.incidents[0]!;
  open.title = hostileTitle;
  open.updates[0]!.body = hostileBody;
  return snapshot;
}

const widgetScript = readFileSync(createRequire(import.meta.url).resolve('@statuspage/status-widget/dist/index.js'));

describe('third-party clients against the status page', () => {
  const snapshot = hostileSnapshot();
  const expected = summaryJson(snapshot);
  const requested: string[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const routes = [createStatusPageHandler(() => snapshot), createFeedHandler(() => snapshot)];
    server = createServer((req, res) => {
      requested.push(req.url ?? '');
      // Test-only routes: a page embedding Atlassian's widget, and the widget's script from node_modules.
      if (req.url === '/widget-test') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html><head><link rel="icon" href="data:,"><script src="/widget-test/index.js"></script></head>
<body><statuspage-widget src="${base}"></statuspage-widget></body></html>`);
        return;
      }
      if (req.url === '/widget-test/index.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        res.end(widgetScript);
        return;
      }
      if (!routes.some((route) => route(req, res))) {
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

  test('the statuspage.io client reads our summary, components and incidents', async () => {
    const client = new Statuspage(snapshot.page.id);
    client.setApiUrl(base);
    const summary = await client.api.getSummary();
    expect(summary.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    expect(summary.page.name).toBe('Take Blip Status');
    expect(summary.incidents.map((incident) => [incident.id, incident.name, incident.status])).toEqual([['INC-1042', hostileTitle, 'identified']]);

    const { components } = await client.api.getComponents();
    expect(components.filter((component) => !component.group).map((component) => [component.name, component.status])).toEqual([
      ['CRM', 'partial_outage'],
      ['Core', 'degraded_performance'],
      ['Analytics', 'operational'],
      ['Artificial Intelligence', 'operational'],
      ['Portal', 'operational'],
      ['Cloud Infrastructure', 'operational'],
    ]);

    const all = await client.api.incidents.getAll();
    expect(all.incidents.map((incident) => incident.id)).toEqual(['INC-1042', 'INC-1038', 'INC-1001']);
    expect(all.incidents[0]!.incident_updates[0]!.body).toBe(hostileBody);
    const unresolved = await client.api.incidents.getUnresolved();
    expect(unresolved.incidents.map((incident) => incident.id)).toEqual(['INC-1042']);
  });

  test.skipIf(!hasChromium)("Atlassian's status widget fetches /api/v2/summary.json and shows our indicator", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => {
        // The widget's bundle probes for parcelRequire before defining it (ENVIRONMENT.md); anything else counts.
        if (!/parcelRequire/.test(error.message)) problems.push(`page error: ${error.message}`);
      });
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      requested.length = 0;
      await page.goto(`${base}/widget-test`);
      const read = (selector: string, property: 'className' | 'textContent') =>
        page.evaluate<string>(`document.querySelector('statuspage-widget')?.shadowRoot?.querySelector(${JSON.stringify(selector)})?.${property}?.trim() ?? ''`);
      await expect.poll(() => read('.status-indicator', 'className')).toContain(expected.status.indicator);
      expect((await read('.status-indicator', 'className')).split(/\s+/)).toContain('major');
      await expect.poll(() => read('.status-text', 'textContent')).toBe('Partial System Outage');
      expect(requested).toContain('/api/v2/summary.json');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  describe('feeds read by a real feed parser', () => {
    const parser = new Parser();

    test('Atom: titles, links, dates, newest first, hostile text kept as text', async () => {
      const feed = await parser.parseURL(`${base}/history.atom`);
      expect(feed.title).toBe('Take Blip Status');
      expect(feed.link).toBe('https://status.take.net/');
      expect(feed.feedUrl).toBe('https://status.take.net/history.atom');
      expect(feed.items.map((item) => item.id)).toEqual([
        'https://status.take.net/incidents/INC-1042#update-5002',
        'https://status.take.net/incidents/INC-1042#update-5001',
        'https://status.take.net/incidents/INC-1038#update-4903',
        'https://status.take.net/incidents/INC-1038#update-4902',
        'https://status.take.net/incidents/INC-1038#update-4901',
        'https://status.take.net/incidents/INC-1001#update-4001',
      ]);
      const isoDates = feed.items.map((item) => item.isoDate!);
      expect(isoDates).toEqual([...isoDates].sort().reverse());
      const [latest] = feed.items;
      expect(latest!.isoDate).toBe('2021-09-13T15:20:00.000Z');
      expect(latest!.link).toBe('https://status.take.net/incidents/INC-1042');
      expect(htmlToText(latest!.title!)).toBe(`INC-1042 · ${hostileTitle} · Identified`);
      expect(latest!.content).not.toMatch(/<(script|b)\b/i);
      expect(htmlToText(latest!.content!)).toBe(
        `Identified - ${hostileBody}\nPosted Sep 13, 2021 - 12:20 GMT-03:00\nThis incident affected: Take Blip Platform (CRM, Core)`,
      );
      expect(htmlToText(feed.items[1]!.content!)).toContain('Component changes: CRM: Operational → Partial Outage; Core: Operational → Degraded Performance');
    });

    test('RSS 2.0 in Portuguese: same entries, localized status, dates and self link', async () => {
      const response = await fetch(`${base}/history.rss?lang=pt-BR`);
      expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
      const feed = await parser.parseString(await response.text());
      expect(feed.title).toBe('Take Blip Status');
      expect(feed.link).toBe('https://status.take.net/');
      expect(feed.feedUrl).toBe('https://status.take.net/history.rss');
      expect(feed.items.map((item) => item.guid)).toHaveLength(6);
      const [latest] = feed.items;
      expect(htmlToText(latest!.title!)).toBe(`INC-1042 · ${hostileTitle} · Identificado`);
      expect(latest!.pubDate).toBe('Mon, 13 Sep 2021 15:20:00 GMT');
      expect(htmlToText((latest as Record<string, string>)['content:encoded']!)).toContain('Publicado 13 set 2021 - 12:20 GMT-03:00');
      expect(htmlToText(latest!.content!)).toBe(hostileBody);
    });

    test('Atom is namespace-valid: required elements of RFC 4287 on the feed and every entry', async () => {
      const root = parseXml(await (await fetch(`${base}/history.atom`)).text());
      expect([root.uri, root.local]).toEqual([atomNs, 'feed']);
      const one = (element: XmlElement, local: string) => {
        const found = childrenNamed(element, atomNs, local);
        expect(found, `exactly one atom:${local}`).toHaveLength(1);
        return found[0]!;
      };
      const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
      expect(one(root, 'id').text).toBe('https://status.take.net/history.atom');
      expect(one(root, 'updated').text).toBe('2021-09-13T15:20:00.000Z');
      expect(childrenNamed(root, atomNs, 'author')).toHaveLength(1);
      const links = childrenNamed(root, atomNs, 'link').map((link) => [link.attributes.rel, link.attributes.href]);
      expect(links).toContainEqual(['self', 'https://status.take.net/history.atom']);
      expect(links).toContainEqual(['alternate', 'https://status.take.net/']);
      expect(root.children.every((child) => child.uri === atomNs)).toBe(true);
      const entries = childrenNamed(root, atomNs, 'entry');
      expect(entries).toHaveLength(6);
      for (const entry of entries) {
        expect(() => new URL(one(entry, 'id').text)).not.toThrow();
        expect(one(entry, 'title').attributes.type).toBe('html');
        expect(one(entry, 'updated').text).toMatch(rfc3339);
        expect(one(entry, 'published').text).toBe(one(entry, 'updated').text);
        expect(one(entry, 'content').attributes.type).toBe('html');
        expect(one(entry, 'link').attributes.href).toMatch(/^https:\/\/status\.take\.net\/incidents\/INC-\d+$/);
      }
    });

    test('RSS uses the Atom and content namespaces it declares', async () => {
      const root = parseXml(await (await fetch(`${base}/history.rss`)).text());
      expect([root.uri, root.local, root.attributes.version]).toEqual(['', 'rss', '2.0']);
      const channel = childrenNamed(root, '', 'channel')[0]!;
      expect(childrenNamed(channel, atomNs, 'link')[0]!.attributes).toMatchObject({ rel: 'self', href: 'https://status.take.net/history.rss' });
      for (const item of childrenNamed(channel, '', 'item')) {
        for (const local of ['title', 'link', 'guid', 'pubDate']) expect(childrenNamed(item, '', local)).toHaveLength(1);
        expect(childrenNamed(item, contentNs, 'encoded')).toHaveLength(1);
      }
    });

    test('the strict parsers refuse a malformed feed, so the checks above would catch one', async () => {
      const atom = await (await fetch(`${base}/history.atom`)).text();
      for (const broken of [atom.replace('Take Blip Status</title>', 'Take & Blip</title>'), atom.replace('</entry>', '</entr>')]) {
        await expect(parser.parseString(broken)).rejects.toThrow();
        expect(() => parseXml(broken)).toThrow();
      }
      expect(() => parseXml(atom.replace(`xmlns="${atomNs}"`, 'xmlns:a="urn:x" a:b="1" c:d="2"'))).toThrow();
    });
  });
});
