import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs; tests never download a browser of their own. */
export const chromiumPath = '/usr/bin/chromium';

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

/** Serves a route handler on 127.0.0.1 (404 for what it does not own) until closed. */
export async function serveRoute(handler: (req: IncomingMessage, res: ServerResponse) => boolean): Promise<{ base: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (!handler(req, res)) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
