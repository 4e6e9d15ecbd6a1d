// `npm run test:fast` and `npm run test:watch`: the quick answer while working. The tests that need
// no browser, no child process, no fake time and no platform fake server, with the service suites
// on SQLite alone; `npm test` remains the whole answer. Files named after `--` are run instead.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What makes a test file slow: it starts processes, a browser, fake time, or whole platforms. */
const slow = /support\/(processes|shell|chromium|faketime|typed|slack-app|teams-app|surfaces|adaptive-cards|typed-text-world)\.ts|node:child_process|\/fakes\//;

export function fastTests(root = process.cwd()): string[] {
  const files = readdirSync(join(root, 'tests'), { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.test.ts'));
  return files
    .map((path) => relative(root, join(root, 'tests', path)))
    .filter((path) => !slow.test(readFileSync(join(root, path), 'utf8')))
    .sort();
}

if (import.meta.main) {
  const watch = process.argv[2] === '--watch';
  const chosen = process.argv.slice(watch ? 3 : 2);
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', watch ? 'watch' : 'run', ...(chosen.length > 0 ? chosen : fastTests())], {
    stdio: 'inherit',
    env: { ...process.env, CRISISROOM_TEST_DATABASES: 'sqlite' },
  });
  process.exit(run.status ?? 1);
}
