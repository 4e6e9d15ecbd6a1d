import { createLog } from '../log.ts';
import { timeReferences } from '../services/time-references.ts';
import { createVerifiedClock } from '../time/verified-clock.ts';
import { type CliCommand, CommandFailure, UsageError } from './command.ts';
import { runExportSite } from './export-site-command.ts';
import { errorMessage } from '../domain/errors.ts';

/**
 * The pages link to /assets/… and /api/v2/… from the root, and Statuspage widgets read
 * <origin>/api/v2/summary.json, so the copy works only at the root of a host.
 */
function originOnly(value: string | null | undefined): string {
  if (!value) throw new CommandFailure('export-site needs the address the copy will be served from: set PUBLIC_BASE_URL or pass --base-url');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CommandFailure(`--base-url / PUBLIC_BASE_URL is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CommandFailure(`the base URL must be http or https (got ${url.protocol})`);
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new CommandFailure(`the copy must be served at the root of its host: use ${url.origin}, not ${value}`);
  }
  return url.origin;
}

export const exportSiteCli: CliCommand = {
  synopsis: 'export-site <dir>',
  summary: 'Write the public status page, its API and feeds to <dir> as static files',
  options: { 'base-url': { type: 'string', help: 'Address the copy will be served from (default: PUBLIC_BASE_URL)' } },
  run: async ({ values, operands, config, stdout, stderr }) => {
    if (operands.length !== 1) throw new UsageError('export-site takes exactly one directory');
    const baseUrl = originOnly((values['base-url'] as string | undefined) ?? config.publicBaseUrl);
    // The copy's "now" (maintenance statuses, uptime bars) and its migrations' records come from the platforms' clocks when they answer.
    const clock = createVerifiedClock({
      warnMs: config.clock.warnSeconds * 1000,
      refuseMs: Infinity,
      log: (message) => stderr.write(`export-site: ${message}\n`),
    });
    for (const reference of timeReferences(config, null)) clock.addReference(reference);
    await clock.check();
    try {
      await runExportSite({ config, dir: operands[0]!, baseUrl, clock, log: createLog(clock), stdout, stderr });
    } catch (error) {
      throw new CommandFailure(`export-site failed: ${errorMessage(error)}`);
    }
    return 0;
  },
};
