#!/usr/bin/env node
// The `crisisroom` command (package.json "bin"). Like src/main.ts it is an entry point: it reads the
// environment once, here, and passes parsed configuration on.
import { parseArgs } from 'node:util';
import { type CliCommand, CommandFailure, UsageError } from './cli/command.ts';
import { colorsOn } from './cli/doctor/render.ts';
import { ConfigError, loadConfig } from './config.ts';
import { errorMessage } from './domain/errors.ts';

// Each command is loaded when it is run: the doctor's Slack and Teams clients are no cost to the others.
const commands: Record<string, () => Promise<CliCommand>> = {
  'export-site': async () => (await import('./cli/export-site-cli.ts')).exportSiteCli,
  'repair-timestamps': async () => (await import('./cli/repair-timestamps-cli.ts')).repairTimestampsCli,
  doctor: async () => (await import('./cli/doctor-cli.ts')).doctorCli,
  metrics: async () => (await import('./cli/metrics-cli.ts')).metricsCli,
  'teams-package': async () => (await import('./cli/teams-package-cli.ts')).teamsPackageCli,
};

async function usage(): Promise<string> {
  const all = await Promise.all(Object.values(commands).map((load) => load()));
  const width = Math.max(...all.map((c) => c.synopsis.length), 10) + 3;
  const options = all.flatMap((c) =>
    Object.entries(c.options).map(([name, o]) => `  --${name}${o.type === 'string' ? ' <value>' : ''}`.padEnd(width + 2) + o.help),
  );
  return `Usage: crisisroom <command> [options]

Commands:
${all.map((c) => `  ${c.synopsis.padEnd(width)}${c.summary}`).join('\n')}

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
async function usageError(message: string): Promise<number> {
  process.stderr.write(`crisisroom: ${message}\n\n${await usage()}`);
  return 2;
}

function fail(message: string): number {
  process.stderr.write(`crisisroom: ${message}\n`);
  return 1;
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (name === undefined) return usageError('no command given');
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(await usage());
    return 0;
  }
  const load = commands[name];
  if (!load) return usageError(`unknown command "${name}"`);
  const command = await load();

  let parsed;
  try {
    const options = Object.fromEntries(Object.entries(command.options).map(([key, { type, short }]) => [key, { type, ...(short ? { short } : {}) }]));
    parsed = parseArgs({ args: rest, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(errorMessage(error));
  }
  if (parsed.values.help) {
    process.stdout.write(await usage());
    return 0;
  }

  let config;
  try {
    config = loadConfig(process.env, { exampleForTrial: true });
  } catch (error) {
    return fail(`configuration error: ${error instanceof ConfigError ? error.message : String(error)}`);
  }

  try {
    return await command.run({
      values: parsed.values,
      operands: parsed.positionals,
      config,
      stdout: process.stdout,
      stderr: process.stderr,
      colors: colorsOn(process.stdout, process.env),
    });
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    if (error instanceof CommandFailure) return fail(error.message);
    throw error;
  }
}

process.exitCode = await main();
