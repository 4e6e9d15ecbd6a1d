// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` here is literal text: the placeholders and template strings under test
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from '../support/processes.ts';

/**
 * Every time a person reads carries its offset because it is written by src/time/format.ts. These
 * rules find the ways around it: the runtime's own date formatting (which uses the server's zone, or
 * prints no zone), date libraries used directly, a Date's local-zone fields, and a Date dropped into
 * a template (Date.toString(), the server's zone again).
 */
const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.ts') && !path.startsWith('time/'))
  .map((path) => ({ path: `src/${path}`, text: readFileSync(join(root, 'src', path), 'utf8') }));

/** Code whose output a person reads: chat replies and cards, the status page and its feeds, e-mails. */
const display =
  /^src\/(chat\/render|chat\/slack\/blocks|chat\/slack\/listeners|status-page\/html|mail|i18n)\/|^src\/(chat\/handle-command|status-page\/feeds|status-page\/html-pages)\.ts$/;

const bypasses: { name: string; pattern: RegExp }[] = [
  { name: 'runtime date formatting', pattern: /\.to(Locale(Date|Time)?|UTC|GMT|Date|Time)String\(/ },
  { name: 'Intl date formatting', pattern: /Intl\.(DateTimeFormat|RelativeTimeFormat|DurationFormat)\b/ },
  { name: 'local-zone fields of a Date', pattern: /\.get(Hours|Minutes|Seconds|Date|Day|Month|FullYear|Year|TimezoneOffset)\(/ },
  { name: 'a date library outside src/time', pattern: /^import (?!type )[^'"]*['"](date-fns[^'"]*|dayjs|moment[^'"]*|luxon)['"]/m },
];

/** A Date interpolated as is prints Date.toString(): the server's zone, in English. */
const interpolatedDate = /\$\{\s*[A-Za-z_][\w.?!]*(At|Start|End|For|Until|[nN]ow|[dD]ate|[iI]nstant)\s*\}/;
/** ISO 8601 in UTC is for machines: in display code only as the datetime attribute of <time>. */
const isoOutsideTimeElement = /(?<!datetime="\$\{[^}]*)\.toISOString\(\)/;

function findings(file: { path: string; text: string }): string[] {
  const found = bypasses.filter(({ pattern }) => pattern.test(file.text)).map(({ name }) => `${file.path}: ${name}`);
  if (display.test(file.path)) {
    file.text.split('\n').forEach((line, i) => {
      if (interpolatedDate.test(line)) found.push(`${file.path}:${i + 1}: a Date interpolated as text`);
      if (isoOutsideTimeElement.test(line)) found.push(`${file.path}:${i + 1}: toISOString shown to a person`);
    });
  }
  return found;
}

describe('times people read go through src/time/format.ts', () => {
  test('the display code is there to check', () => {
    const shown = sources.filter((file) => display.test(file.path)).map((file) => file.path);
    for (const expected of [
      'src/chat/render/timeline.ts',
      'src/chat/slack/blocks/briefing.ts',
      'src/status-page/html/incidents.ts',
      'src/mail/update-mail.ts',
    ]) {
      expect(shown).toContain(expected);
    }
  });

  test('no source formats a time around it', () => {
    expect(sources.flatMap(findings)).toEqual([]);
  });

  test('the rules catch each way around it', () => {
    const caught = (text: string, path = 'src/chat/render/example.ts') => findings({ path, text });
    expect(caught('const s = incident.declaredAt.toLocaleString("en-US");')).toHaveLength(1);
    expect(caught('const s = at.toLocaleTimeString();')).toHaveLength(1);
    expect(caught('new Intl.DateTimeFormat(lang, { timeStyle: "short" }).format(at)')).toHaveLength(1);
    expect(caught('const hour = at.getHours();')).toHaveLength(1);
    expect(caught("import { format } from 'date-fns/format';")).toHaveLength(1);
    expect(caught('return `declared ${incident.declaredAt}`;')).toEqual(['src/chat/render/example.ts:1: a Date interpolated as text']);
    expect(caught('return `declared ${incident.declaredAt.toISOString()}`;')).toEqual(['src/chat/render/example.ts:1: toISOString shown to a person']);
  });

  test('what is allowed stays allowed', () => {
    const caught = (text: string, path = 'src/status-page/html/example.ts') => findings({ path, text });
    expect(caught('`<time datetime="${update.publishedAt.toISOString()}">${escapeHtml(formatPosted(at, zone, lang))}</time>`')).toEqual([]);
    expect(caught('new Intl.ListFormat(lang, { type: "conjunction" }).format(parts)')).toEqual([]);
    expect(caught('new Intl.NumberFormat(lang).format(0.5)')).toEqual([]);
    // API JSON and audit details are for machines: UTC with its Z.
    expect(caught('detail: { start: range.start.toISOString() }', 'src/services/incident/set-impact.ts')).toEqual([]);
  });
});
