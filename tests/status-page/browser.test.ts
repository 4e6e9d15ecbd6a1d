import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStatusPageHandler } from '../../src/status-page/routes.ts';
import { takeBlipSnapshot } from './fixtures.ts';

const hasChromium = chromiumAvailable('the status page browser test');

const screenshots = new URL('../../screenshots/', import.meta.url);

describe.skipIf(!hasChromium)('status page in a real browser', () => {
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const snapshot = takeBlipSnapshot();
    const handler = createStatusPageHandler(() => snapshot);
    server = createServer((req, res) => {
      if (!handler(req, res)) {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Opens the page and collects every console error, page error and CSP violation it causes. */
  async function open(width: number, path = '/'): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    // Browser-side code goes in as text: the project compiles without the DOM library.
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));`,
    });
    await page.goto(`${base}${path}`, { waitUntil: 'load' });
    return { page, problems };
  }

  test('desktop: state, posted stamps, styles applied, no errors', async () => {
    const { page, problems } = await open(1280);
    await expect.poll(() => page.getByText('Partial System Outage').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Posted Sep 13, 2021 - 12:20 GMT-03:00').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('This incident affected: Take Blip Platform (CRM, Core)').isVisible()).toBe(true);
    // The banner colour proves the stylesheet loaded under the CSP.
    const banner = await page.evaluate<string>(`getComputedStyle(document.querySelector('.overall')).backgroundColor`);
    expect(banner).toBe('rgb(188, 76, 0)');
    await page.screenshot({ path: new URL('status-page-1280.png', screenshots).pathname, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  test('320 px wide: readable without horizontal scrolling', async () => {
    const { page, problems } = await open(320);
    await expect.poll(() => page.getByText('Partial System Outage').isVisible()).toBe(true);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBe(0);
    await page.screenshot({ path: new URL('status-page-320.png', screenshots).pathname, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  test.each([1280, 320])('incident page at %i px: its updates in the page zone, no horizontal scrolling', async (width) => {
    const { page, problems } = await open(width, '/incidents/INC-1042');
    const title = page.getByRole('heading', { level: 1, name: 'Instability when sending and receiving messages' });
    await expect.poll(() => title.isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Posted Sep 13, 2021 - 12:20 GMT-03:00').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Customer impact: Sep 13, 2021 - 11:05 GMT-03:00 → ongoing').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('This incident affected: Take Blip Platform (CRM, Core)').isVisible()).toBe(true);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBe(0);
    await page.screenshot({ path: new URL(`incident-page-${width}.png`, screenshots).pathname, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  test('320 px wide: 90 bars per component still fit, each visible, and a bar tells its day on hover', async () => {
    const { page, problems } = await open(320);
    const widths = await page.evaluate<number[]>(`[...document.querySelectorAll('.bars')].map((bars) =>
      Math.min(...[...bars.children].map((day) => day.getBoundingClientRect().width)))`);
    expect(widths).toHaveLength(6);
    for (const width of widths) expect(width).toBeGreaterThan(1);
    const today = page.locator('.bars').first().locator('li').last();
    // In the middle of the screen, so the screenshot shows the tip below the bars.
    await page.evaluate(`document.querySelector('.bars').scrollIntoView({ block: 'center' })`);
    await today.hover();
    const tip = today.locator('.tip');
    await expect.poll(() => tip.textContent()).toMatch(/^Sep 13, 2021: partial outage 1 h 15 min — INC-1042 Instability/);
    const box = await tip.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    await page.screenshot({ path: new URL('status-page-320-tooltip.png', screenshots).pathname });
    expect(problems).toEqual([]);
    await page.close();
  });

  test('history page', async () => {
    const { page, problems } = await open(1280, '/history');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Incident history' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'September 2021' }).isVisible()).toBe(true);
    await page.screenshot({ path: new URL('history-page-1280.png', screenshots).pathname, fullPage: true });
    await page.getByRole('link', { name: 'Delay in Analytics reports' }).click();
    await expect.poll(() => page.url()).toBe(`${base}/incidents/INC-1038`);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('Portuguese in another zone, and the zone form works without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/?lang=pt-BR`);
    await expect.poll(() => page.getByText('Interrupção parcial do sistema').isVisible()).toBe(true);
    await page.fill('#tz', 'Europe/Lisbon');
    await Promise.all([page.waitForURL(/tz=Europe%2FLisbon/), page.click('.zone-form button')]);
    await expect.poll(() => page.getByText('Publicado 13 set 2021 - 16:20 GMT+01:00').isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('pt-BR');
    await context.close();
  });
});
