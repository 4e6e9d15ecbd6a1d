#!/usr/bin/env node
// The `crisisroom` command (package.json "bin"). Like src/main.ts it is an entry point: it reads the
// environment once, here, and passes parsed configuration on.
import { parseArgs } from 'node:util';
import { type CliCommand, CommandFailure, UsageError } from './cli/command.ts';
import { doctorCli } from './cli/doctor-cli.ts';
import { exportSiteCli } from './cli/export-site-cli.ts';
import { repairTimestampsCli } from './cli/repair-timestamps-cli.ts';
import { teamsPackageCli } from './cli/teams-package-cli.ts';
import { ConfigError, loadConfig } from './config.ts';
import { errorMessage } from './domain/errors.ts';

const commands: Record<string, CliCommand> = {
  'export-site': exportSiteCli,
  'repair-timestamps': repairTimestampsCli,
  doctor: doctorCli,
  'teams-package': teamsPackageCli,
};

function usage(): string {
  const width = Math.max(...Object.values(commands).map((c) => c.synopsis.length), 10) + 3;
  const options = Object.values(commands).flatMap((c) => Object.entries(c.options).map(([name, o]) => `  --${name}${o.type === 'string' ? ' <value>' : ''}`.padEnd(width + 2) + o.help));
  return `Usage: crisisroom <command> [options]

Commands:
${Object.values(commands)
  .map((c) => `  ${c.synopsis.padEnd(width)}${c.summary}`)
  .join('\n')}

Options:
${options.join('\n')}
${'  -h, --help'.padEnd(width + 2)}Show this help

The database and configuration are read as the server reads them: CRISISROOM_DATA_DIR or
DATABASE_URL, and CRISISROOM_CONFIG. export-site's copy must be served at the root of its host,
with <path>/index.html answering <path> (nginx try_files, an object store's index document).
repair-timestamps is a dry run unless --apply is given; it exits 1 while findings remain (so a
dry run that finds anything exits 1), 0 when nothing is left wrong.
`;
}

/** Usage mistakes exit 2, as most command-line tools do; failures of the work itself exit 1. */
function usageError(message: string): never {
  process.stderr.write(`crisisroom: ${message}\n\n${usage()}`);
  process.exit(2);
}

function fail(message: string): never {
  process.stderr.write(`crisisroom: ${message}\n`);
  process.exit(1);
}

const [name, ...rest] = process.argv.slice(2);
if (name === undefined) usageError('no command given');
if (name === '--help' || name === '-h' || name === 'help') {
  process.stdout.write(usage());
  process.exit(0);
}
const command = commands[name];
if (!command) usageError(`unknown command "${name}"`);

let parsed;
try {
  const options = Object.fromEntries(Object.entries(command.options).map(([key, { type, short }]) => [key, { type, ...(short ? { short } : {}) }]));
  parsed = parseArgs({ args: rest, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
} catch (error) {
  usageError(errorMessage(error));
}
if (parsed.values.help) {
  process.stdout.write(usage());
  process.exit(0);
}

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  fail(`configuration error: ${error instanceof ConfigError ? error.message : String(error)}`);
}

try {
  process.exitCode = await command.run({ values: parsed.values, operands: parsed.positionals, config, stdout: process.stdout, stderr: process.stderr });
} catch (error) {
  if (error instanceof UsageError) usageError(error.message);
  if (error instanceof CommandFailure) fail(error.message);
  throw error;
}
