import type { AppConfig } from '../config.ts';

/** What every subcommand of `crisisroom` is given: its parsed options and operands, and the configuration. */
interface CommandRun {
  values: Record<string, string | boolean | undefined>;
  operands: string[];
  config: AppConfig;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Whether stdout shows colours: a colour terminal, and neither NO_COLOR nor TERM=dumb says otherwise. */
  colors: boolean;
}

/** A failure of the command's own work: printed as "crisisroom: <message>", exit code 1. */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
}

/** A usage mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliCommand {
  /** "export-site <dir>": the command with its operands, as the usage lists it. */
  synopsis: string;
  summary: string;
  /** Options beyond --help, as node:util parseArgs takes them; each with its line of usage. */
  options: Record<string, { type: 'string' | 'boolean'; short?: string; help: string }>;
  /** Resolves to the exit code: 0 when all went well. */
  run(command: CommandRun): Promise<number>;
}
