import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ambientReaders, secondPassTests, unusualEnvironment } from './caller-environment.ts';
import { root } from './support/processes.ts';

const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.ts'))
  .map((path) => ({ path: `src/${path}`, text: readFileSync(join(root, 'src', path), 'utf8') }));

/**
 * Ways code reads what the caller's environment sets: the terminal, colour settings, the zone and
 * language variables, and the runtime's default locale (Intl and toLocale…String without a locale).
 */
const ambient = [
  /\bisTTY\b|\bhasColors\b|\bgetColorDepth\b|\bstyleText\b|\bcolorsOn\(/,
  /process\.env\.(TZ|LANG|LC_\w+|NO_COLOR|FORCE_COLOR|TERM|CI)\b/,
  /\bIntl\.\w+\(\s*(\)|undefined\b)|\.toLocale\w*String\(\s*\)|\.localeCompare\(\s*[^,()]+\)/,
];

describe('what the caller’s environment can change is known and tested under an unusual one', () => {
  test('every source that reads it is listed, with the tests that exercise it', () => {
    const readers = sources.filter((file) => ambient.some((pattern) => pattern.test(file.text))).map((file) => file.path);
    expect(readers.sort()).toEqual(Object.keys(ambientReaders).sort());
  });

  test('the second pass runs those tests, and each exists', () => {
    const pass = secondPassTests();
    for (const reader of Object.values(ambientReaders)) for (const file of reader.tests) expect(pass).toContain(file);
    expect(pass.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  test('the unusual environment is unusual: another zone with an odd offset, another language, no colours', () => {
    expect(unusualEnvironment.TZ).not.toBe('UTC');
    expect(new Intl.DateTimeFormat('en-US', { timeZone: unusualEnvironment.TZ, timeZoneName: 'longOffset' }).format(0)).toMatch(/GMT\+12:45|GMT\+13:45/);
    expect(unusualEnvironment.LANG).not.toMatch(/^(en|C)\b/);
    expect(unusualEnvironment.NO_COLOR).toBe('1');
  });
});
