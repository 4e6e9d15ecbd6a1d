import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStatusPageHandler } from '../../src/status-page/routes.ts';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { serveRoute } from '../support/serve-route.ts';
import { takeBlipSnapshot } from './fixtures.ts';

const hasChromium = chromiumAvailable('the status page accessibility test');
const axeScript = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'));

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

describe.skipIf(!hasChromium)('status page accessibility, checked by axe-core in Chromium', () => {
  let server: Awaited<ReturnType<typeof serveRoute>>;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const snapshot = takeBlipSnapshot();
    server = await serveRoute(createStatusPageHandler(() => snapshot));
    base = server.base;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
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
