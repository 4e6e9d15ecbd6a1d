// The commands the README and docs/ show a reader, and running them exactly as written: through npm
// or npx, in a real shell, the way a newcomer types them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './processes.ts';

export interface DocCommand {
  /** The document that shows it, relative to the repository root. */
  file: string;
  command: string;
}

/** README.md and every Markdown page under docs/. */
export function docFiles(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.md')) pages.push(relative(root, join(dir, entry.name)));
    }
  };
  try {
    walk(join(root, 'docs'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return ['README.md', ...pages.sort()];
}

/** A shell line without its trailing comment: ` # …` after the command. */
const withoutComment = (line: string) => line.replace(/\s+#\s.*$/, '').trim();

/**
 * Every command a page shows: each line of a `sh` block (a trailing `\` joins the next line), each
 * `$ ` line of a transcript, and each inline code span that starts with npm, npx or curl (or with
 * variables set before one of them). A line of a `sh` block that is all comment is prose.
 */
export function commandsIn(markdown: string): string[] {
  const commands: string[] = [];
  const lines = markdown.split('\n');
  let fence: string | null = null;
  let pending = '';
  for (const raw of lines) {
    const line = raw.trim();
    const opening = /^```(\w*)/.exec(line);
    if (opening && fence === null) {
      fence = opening[1] ?? '';
      continue;
    }
    if (line.startsWith('```')) {
      fence = null;
      continue;
    }
    if (fence === null) {
      for (const [, span] of raw.matchAll(/`([^`]+)`/g)) {
        if (/^(?:[A-Z_]+=\S+\s+)*(?:npm|npx|curl)\s/.test(span!)) commands.push(span!);
      }
      continue;
    }
    const shell = ['sh', 'bash', 'shell'].includes(fence);
    if (!shell && !line.startsWith('$ ')) continue;
    if (shell && line.startsWith('#')) continue;
    const text = withoutComment(shell ? line : line.slice(2));
    if (!text) continue;
    if (text.endsWith('\\')) {
      pending += `${text.slice(0, -1).trim()} `;
      continue;
    }
    commands.push(`${pending}${text}`);
    pending = '';
  }
  return commands;
}

export function docCommands(): DocCommand[] {
  return docFiles().flatMap((file) => commandsIn(readFileSync(join(root, file), 'utf8')).map((command) => ({ file, command })));
}

/**
 * A command exactly as a page shows it, for a test to run; the test fails if no page shows it any
 * more. Placeholders are what a reader fills in too: `<dir>` from `fill.dir`, `NAME=…` (or `NAME=xoxb-…`,
 * the value starting as shown) from `fill.NAME`.
 */
export function asTyped(command: string, fill: Record<string, string> = {}): string {
  if (!docCommands().some((shown) => shown.command === command)) throw new Error(`no page shows the command: ${command}`);
  const filled = command
    .replace(/<([\w-]+)>/g, (whole, key: string) => fill[key] ?? whole)
    .replace(/\b([A-Z_]+)=([^\s…]*)…/g, (whole, key: string, shown: string) => {
      const value = fill[key];
      if (value !== undefined && !value.startsWith(shown)) throw new Error(`${key} must start with "${shown}", as the page shows`);
      return value === undefined ? whole : `${key}=${value}`;
    });
  const unfilled = /<[\w-]+>|…/.exec(filled);
  if (unfilled) throw new Error(`fill in ${unfilled[0]} of: ${command}`);
  return filled;
}

/** The lines of the first fenced block after `heading` in a page: e.g. the chat lines of an example. */
export function blockAfter(file: string, heading: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const at = text.indexOf(heading);
  if (at < 0) throw new Error(`${file} no longer says "${heading}"`);
  const block = /```\w*\n([\s\S]*?)```/.exec(text.slice(at));
  if (!block) throw new Error(`${file} has no block after "${heading}"`);
  return block[1]!.split('\n').filter((line) => line.trim() !== '');
}
