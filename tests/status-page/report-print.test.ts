import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shippedTemplates } from '../../src/i18n/report-templates.ts';
import { createStatusPageHandler } from '../../src/status-page/routes.ts';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { serveRoute } from '../support/serve-route.ts';
import { takeBlipSnapshot } from './fixtures.ts';

const hasChromium = chromiumAvailable('printing the incident report');

const sections = {
  opening: 'Hi blipper! This is what happened on September 15.',
  happened: 'One server clock jumped to 2022, and records were stamped with the wrong year.',
  impact: 'From 10:50 to 15:20 GMT-03:00 messages were not delivered.',
  actions: '- 10:50 GMT-03:00: we identified the server.\n- 12:30 GMT-03:00: the clock was corrected.',
  now: 'Every message was reprocessed; the platform works normally.',
  prevention: '- Clocks are compared with several time sources.',
  closing: 'Thank you for your patience. Take Blip team',
};

/** Every line of text a PDF shows, as a reader of the printed page sees it. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  return pages.join('\n');
}

describe.skipIf(!hasChromium)('the incident report printed (Chromium’s PDF output)', () => {
  let served: Awaited<ReturnType<typeof serveRoute>>;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const snapshot = takeBlipSnapshot();
    const resolved = snapshot.incidents.find((incident) => incident.status === 'resolved')!;
    resolved.report = { body: 'unused', publishedAt: resolved.updatedAt, sections: { en: sections } };
    snapshot.page.reportTitles = { en: shippedTemplates.en.titles };
    served = await serveRoute(createStatusPageHandler(() => snapshot));
    base = `${served.base}/incidents/INC-${resolved.number}?lang=en`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  test('shows every section under its title, and none of the page’s navigation or forms', async () => {
    const page = await browser.newPage();
    await page.goto(base, { waitUntil: 'load' });
    const screen = await page.evaluate<string>('document.body.innerText');
    // On screen the navigation is there: what the printout leaves out is left out by the print stylesheet.
    expect(screen).toContain('Incident history');
    const text = (await pdfText(new Uint8Array(await page.pdf({ format: 'A4' })))).replace(/\s+/g, ' ');
    for (const title of Object.values(shippedTemplates.en.titles)) expect(text).toContain(title);
    for (const body of Object.values(sections)) expect(text).toContain(body.replace(/\s+/g, ' '));
    for (const navigation of ['Current status', 'Incident history', 'Show times in', 'Subscribe']) expect(text).not.toContain(navigation);
    await page.close();
  });
});
