import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { userNamePattern } from './protocol.ts';

export interface ConsoleSessionOptions {
  input: Readable;
  output: Writable;
  user: string;
  /** Shows a prompt and a greeting: for a person at a terminal, not for a piped script. */
  interactive: boolean;
  send(user: string, line: string): Promise<string>;
}

/**
 * Reads one command per line and prints each reply before reading the next, until the input ends.
 * `/as <name>` switches who is speaking; it is the console's own command, not the bot's.
 */
export async function runConsoleSession({ input, output, user: initial, interactive, send }: ConsoleSessionOptions): Promise<void> {
  let user = initial;
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  const prompt = () => {
    if (interactive) {
      lines.setPrompt(`${user}> `);
      lines.prompt();
    }
  };
  if (interactive) output.write(`crisisroom console: you are ${user}. Type /incident help, /as <name> to switch user, Ctrl-D to leave.\n`);
  prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      prompt();
      continue;
    }
    const switchTo = /^\/as(?:\s+(.*))?$/.exec(line);
    if (switchTo) {
      const name = userNamePattern.safeParse((switchTo[1] ?? '').trim());
      if (name.success) user = name.data;
      output.write(name.success ? `You are now ${user}.\n` : `Usage: /as <name> (${name.error.issues[0]?.message})\n`);
    } else {
      output.write(`${await send(user, line)}\n`);
    }
    prompt();
  }
}
