import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { teamsCardVersion, teamsHostConfig, teamsRefreshUserLimit } from './teams-host-config.ts';

/**
 * Microsoft's Adaptive Cards renderer, the `adaptivecards` package, in headless Chromium: a card is
 * parsed as Teams parses it and rendered with Teams' host config. Its readable (unminified) bundle,
 * so that the names in a problem are the renderer's own class names.
 */
const bundlePath = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.js');
const pageScriptPath = fileURLToPath(new URL('./adaptive-cards-page.js', import.meta.url));
// Teams reads TextBlock text as Markdown; with markdown-it on the page (window.markdownit) the renderer does too.
const markdownPath = createRequire(import.meta.url).resolve('markdown-it/browser');

interface CardAction {
  type: string;
  id?: string;
  title?: string;
  verb?: string;
  data?: unknown;
  url?: string;
}

export interface RenderedCard {
  /** What a reader sees, as the browser lays it out (button titles included). */
  text: string;
  /** The titles of the buttons drawn: Teams shows at most 6 actions, the rest in an overflow menu. */
  buttons: string[];
  /** Every action of the card, nested ones included, as the renderer understood them. */
  actions: CardAction[];
  refresh: { action: CardAction | null; userIds: string[] } | null;
  /**
   * Everything the renderer objected to: parse events (unknown element or action types, invalid
   * values, properties newer than Teams supports), properties it dropped as unknown, validation
   * failures, Teams' own limits, and errors the page raised. Empty for a card Teams shows as written.
   */
  problems: string[];
}

export interface CardRenderer {
  render(card: unknown): Promise<RenderedCard>;
  close(): Promise<void>;
}

interface PageSide {
  crisisroomRenderCard(
    card: unknown,
    hostConfig: unknown,
    targetVersion: string,
    refreshUserLimit: number,
  ): Omit<RenderedCard, 'problems'> & { problems: string[] };
}

/**
 * One browser for many cards: starting Chromium takes about a second, rendering a card milliseconds.
 * With `markdown`, TextBlock text is rendered as Markdown, as Teams shows it, so a test can see what
 * escaping leaves of typed text.
 */
export async function openCardRenderer(options: { markdown?: boolean } = {}): Promise<CardRenderer> {
  const browser: Browser = await launchChromium();
  try {
    const page: Page = await browser.newPage();
    let pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console error: ${message.text()}`);
    });
    await page.setContent('<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body></body></html>');
    if (options.markdown) await page.addScriptTag({ path: markdownPath });
    await page.addScriptTag({ path: bundlePath });
    await page.addScriptTag({ path: pageScriptPath });
    return {
      async render(card) {
        pageErrors = [];
        const rendered = await page.evaluate(
          ([json, hostConfig, version, limit]) => (globalThis as unknown as PageSide).crisisroomRenderCard(json, hostConfig, version, limit),
          [card, teamsHostConfig, teamsCardVersion, teamsRefreshUserLimit] as const,
        );
        return { ...rendered, problems: [...rendered.problems, ...pageErrors] };
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Parses and renders one card in a browser of its own. */
export async function renderCard(card: unknown): Promise<RenderedCard> {
  const renderer = await openCardRenderer();
  try {
    return await renderer.render(card);
  } finally {
    await renderer.close();
  }
}
