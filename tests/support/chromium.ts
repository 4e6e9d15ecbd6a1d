import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs; tests never download a browser of their own. */
const chromiumPath = '/usr/bin/chromium';

/**
 * Whether a browser test can run. Without Chromium it is skipped with the reason printed, except in
 * CI, where a skipped browser test would hide a missing install step.
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI) throw new Error(`CI must run ${what}, but there is no Chromium at ${chromiumPath} (.ci/run installs it)`);
  console.warn(`SKIPPED: ${what} (no Chromium at ${chromiumPath}; apt-get install chromium)`);
  return false;
}

/** Headless Chromium with this machine's closed network in mind (no background connections). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
