import { expect } from 'vitest';
import type { Command } from '../../../src/chat/grammar/commands.ts';
import { parseCommand } from '../../../src/chat/grammar/parse.ts';

/** The command a line parses to; fails the test with the parser's own error otherwise. */
export function commandOf(line: string): Command {
  const result = parseCommand(line);
  if (!result.ok) expect.fail(`${JSON.stringify(line)} did not parse: ${result.error}`);
  return result.command;
}

/** Why a line does not parse, and the usage shown with it; fails the test if it parses. */
export function errorOf(line: string): { error: string; usage?: string } {
  const result = parseCommand(line);
  if (result.ok) expect.fail(`${JSON.stringify(line)} parsed: ${JSON.stringify(result.command)}`);
  return { error: result.error, ...(result.usage ? { usage: result.usage } : {}) };
}
