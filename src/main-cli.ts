#!/usr/bin/env node
// The `crisisroom` command (package.json "bin"). Like src/main.ts it is an entry point: it reads the
// environment once, here, and passes parsed configuration on.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { createLog } from './log.ts';
import { systemClock } from './time/clock.ts';
import { runExportSite } from './cli/export-site-command.ts';

const usage = `Usage: crisisroom <command> [options]

Commands:
  export-site <dir>   Write the public status page, its API and feeds to <dir> as static files

Options:
  --base-url <url>    Address the copy will be served from (default: PUBLIC_BASE_URL)
  -h, --help          Show this help

The database and configuration are read as the server reads them: CRISISROOM_DATA_DIR or
DATABASE_URL, and CRISISROOM_CONFIG. The copy must be served at the root of its host, with
<path>/index.html answering <path> (nginx try_files, an object store's index document).
`;

/** Usage mistakes exit 2, as most command-line tools do; failures of the work itself exit 1. */
function usageError(message: string): never {
  process.stderr.write(`crisisroom: ${message}\n\n${usage}`);
  process.exit(2);
}

function fail(message: string): never {
  process.stderr.write(`crisisroom: ${message}\n`);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    options: { help: { type: 'boolean', short: 'h' }, 'base-url': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
} catch (error) {
  usageError(error instanceof Error ? error.message : String(error));
}
const { values, positionals } = parsed;
const [command, ...operands] = positionals;

if (values.help || command === 'help') {
  process.stdout.write(usage);
  process.exit(0);
}
if (command === undefined) usageError('no command given');
if (command !== 'export-site') usageError(`unknown command "${command}"`);
if (operands.length !== 1) usageError('export-site takes exactly one directory');

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  fail(`configuration error: ${error instanceof ConfigError ? error.message : String(error)}`);
}

const baseUrl = originOnly(values['base-url'] ?? config.publicBaseUrl);

try {
  await runExportSite({
    config,
    dir: operands[0]!,
    baseUrl,
    clock: systemClock,
    log: createLog(systemClock),
    stdout: process.stdout,
    stderr: process.stderr,
  });
} catch (error) {
  fail(`export-site failed: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * The pages link to /assets/… and /api/v2/… from the root, and Statuspage widgets read
 * <origin>/api/v2/summary.json, so the copy works only at the root of a host.
 */
function originOnly(value: string | null | undefined): string {
  if (!value) fail('export-site needs the address the copy will be served from: set PUBLIC_BASE_URL or pass --base-url');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(`--base-url / PUBLIC_BASE_URL is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`the base URL must be http or https (got ${url.protocol})`);
  if (url.pathname !== '/' || url.search || url.hash) {
    fail(`the copy must be served at the root of its host: use ${url.origin}, not ${value}`);
  }
  return url.origin;
}
