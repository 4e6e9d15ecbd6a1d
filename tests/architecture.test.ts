import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from './support/processes.ts';

/** The project's layer rules, checked on every source file rather than remembered. */
const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.ts'))
  .map((path) => ({ path: `src/${path}`, text: readFileSync(join(root, 'src', path), 'utf8') }));

const imports = (text: string) => [...text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
/** Imports that bring code, not only types (which the compiler erases). */
const valueImports = (text: string) => [...text.matchAll(/^import (?!type )[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
const offenders = (rule: (file: { path: string; text: string }) => boolean) => sources.filter(rule).map((file) => file.path);

describe('architecture', () => {
  test('the sources are there to check', () => {
    expect(sources.length).toBeGreaterThan(40);
  });

  test('only the clock reads the wall clock', () => {
    expect(offenders((f) => f.path !== 'src/time/clock.ts' && /new Date\(\)|Date\.now\(\)/.test(f.text))).toEqual([]);
  });

  test('only the entry points read the environment; everything else gets parsed configuration', () => {
    expect(offenders((f) => !['src/main.ts', 'src/main-console.ts', 'src/main-cli.ts'].includes(f.path) && f.text.includes('process.env'))).toEqual([]);
  });

  test('the database is reached only from the data layer, the services and the composition root (a store is a type anyone may name)', () => {
    const allowed = (path: string) => path.startsWith('src/db/') || path.startsWith('src/services/') || path === 'src/app.ts' || path.startsWith('src/app/');
    expect(offenders((f) => !allowed(f.path) && valueImports(f.text).some((spec) => /\/db\/|@prisma\/|^pg$|@libsql\//.test(spec)))).toEqual([]);
    // Nor through a context that carries the client: `.prisma` is the data layer's and the services'.
    expect(offenders((f) => !allowed(f.path) && /\.prisma\b/.test(f.text))).toEqual([]);
  });

  test.each([
    ['Teams', 'src/chat/teams/', /\/slack\//],
    ['Slack', 'src/chat/slack/', /\/teams\//],
    ['mail', 'src/mail/', /\/chat\//],
    ['the services', 'src/services/', /\/status-page\//],
    ['the data layer', 'src/db/', /\/(services|chat|delivery|http|status-page|mail)\//],
  ])('%s import nothing across its boundary: what two sides share lives where both may import it', (_name, folder, across) => {
    expect(offenders((f) => f.path.startsWith(folder) && imports(f.text).some((spec) => across.test(spec)))).toEqual([]);
  });

  test('domain, time and status page rendering stay free of I/O layers', () => {
    const pure = /^src\/(domain|time|status-page|i18n|chat\/grammar)\//;
    expect(
      offenders((f) => pure.test(f.path) && imports(f.text).some((spec) => /\/(services|db|chat|delivery|http)\//.test(spec) && !spec.startsWith('./'))),
    ).toEqual([]);
  });

  test('date-fns is imported function by function: its index costs seconds of start-up', () => {
    expect(offenders((f) => /^import (?!type )[^'"]*['"]date-fns(-tz)?['"]/m.test(f.text))).toEqual([]);
  });

  test('source files stay small', () => {
    const large = sources.filter((f) => f.text.split('\n').length > 300).map((f) => `${relative(root, join(root, f.path))}`);
    expect(large).toEqual([]);
  });
});
