import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from '../support/processes.ts';
import { commandsIn, docCommands } from '../support/typed.ts';

/**
 * Commands a page shows that no test here runs, each with where it is run instead or why not. The
 * suite cannot run itself, nor install the packages it runs on: `.ci/run` does both, on a clean clone.
 */
const runElsewhere: Record<string, string> = {
  'npm install && npm test': '.ci/run',
  'npm install && npm start': '.ci/run installs; tests/docs/quick-start.test.ts runs `npm start` on a fresh clone',
  'npm install': '.ci/run',
  'npm test': '.ci/run',
  'aws s3 sync ./public-site s3://status.example.com --delete': "not crisisroom's: Amazon's tool, one example of a static host",
};

/** Every `asTyped('…')` in the tests: the commands they run exactly as a page shows them. */
function commandsRunByTests(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/asTyped\(\s*(['`"])((?:\\.|(?!\1).)*)\1/g)) found.add(match[2]!.replace(/\\(.)/g, '$1'));
      }
    }
  };
  walk(join(root, 'tests'));
  return found;
}

describe('every command the README and docs/ show is run by a test as typed', () => {
  test('each is run by a test through asTyped, or named here with where it runs instead', () => {
    const run = commandsRunByTests();
    const missing = docCommands().filter(({ command }) => !run.has(command) && !(command in runElsewhere));
    expect(missing).toEqual([]);
  });

  test('what runs elsewhere really does: .ci/run installs and runs the suite as the Quick start says', () => {
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^npm install && npm test$/m);
    const shown = new Set(docCommands().map(({ command }) => command));
    expect(Object.keys(runElsewhere).filter((command) => !shown.has(command))).toEqual([]);
  });

  test('commands are found in sh blocks, transcripts and inline code, comments left out', () => {
    const page = [
      'Run `npm run db:generate` or `PORT=4000 npm start`; `git status` is not ours.',
      '```sh',
      '# a comment line',
      'npm run console -- --as alice   # speak as alice',
      'TEAMS_APP_ID=… \\',
      '  npm run teams:package',
      '```',
      '```',
      '$ npx crisisroom doctor',
      'PASS  config: …',
      '```',
    ].join('\n');
    expect(commandsIn(page)).toEqual([
      'npm run db:generate',
      'PORT=4000 npm start',
      'npm run console -- --as alice',
      'TEAMS_APP_ID=… npm run teams:package',
      'npx crisisroom doctor',
    ]);
  });
});
