import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStatusPageHandler } from '../../src/status-page/routes.ts';
import { takeBlipSnapshot } from './fixtures.ts';

const executablePath = '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
if (!hasChromium) {
  if (process.env.CI) throw new Error(`CI must run the accessibility test, but there is no Chromium at ${executablePath}`);
  console.warn(`SKIPPED: the status page accessibility test (no Chromium at ${executablePath})`);
}
const axeScript = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'));

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

describe.skipIf(!hasChromium)('status page accessibility, checked by axe-core in Chromium', () => {
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
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const paths = ['/', '/?lang=pt-BR', '/incidents/INC-1042', '/history'];
  test.each(paths.flatMap((path) => [1280, 320].map((width) => [path, width] as const)))(
    '%s at %i px: no WCAG 2 A/AA violation (names, contrast, landmarks, language)',
    async (path, width) => {
      // The page's own CSP forbids injected scripts; only this test's audit script is let in.
      const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      try {
        const response = await page.goto(`${base}${path}`);
        expect(response?.status()).toBe(200);
        await page.addScriptTag({ path: axeScript });
        const violations = (await page.evaluate(
          `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)`,
        )) as Violation[];
        expect(violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
