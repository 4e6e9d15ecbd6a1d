import { describe, expect, test } from 'vitest';
import { languages } from '../../src/i18n/languages.ts';
import { messages } from '../../src/i18n/messages.ts';
import { renderHomePage } from '../../src/status-page/html/home.ts';
import { escapeHtml } from '../../src/status-page/html/escape.ts';
import { takeBlipSnapshot } from './fixtures.ts';

describe('escapeHtml', () => {
  test('neutralises markup, quotes and ampersands', () => {
    expect(escapeHtml('<script>alert("x")</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escapeHtml(`it's "quoted" & <b>bold</b>`)).toBe('it&#39;s &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
  });

  test('escapes an existing entity again instead of trusting it', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  test('leaves ordinary text, accents and emoji alone', () => {
    expect(escapeHtml('Interrupção — 🚨 ok')).toBe('Interrupção — 🚨 ok');
  });
});

describe('the home page escapes every piece of user text', () => {
  const hostile = `<script>alert(1)</script>"'&`;
  const escaped = escapeHtml(hostile);
  const snapshot = takeBlipSnapshot();
  snapshot.page.name = hostile;
  snapshot.components[0]!.name = hostile;
  snapshot.components[0]!.group = hostile;
  const incident = snapshot.incidents[0]!;
  incident.title = hostile;
  incident.components = [hostile, `${hostile}gone`];
  incident.updates[0]!.body = hostile;
  const html = renderHomePage(snapshot, { lang: 'en', zone: 'America/Sao_Paulo' });

  test('no raw markup survives', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain(`"'&<`);
  });

  test('the text is still there, escaped', () => {
    expect(html).toContain(`<title>${escaped}</title>`);
    expect(html).toContain(`<h1>${escaped}</h1>`);
    expect(html).toContain(`<h3 class="incident-title"><a href="/incidents/INC-1042">${escaped}</a></h3>`);
    expect(html).toContain(`</strong> - ${escaped}</p>`);
    expect(html).toContain(`${escapeHtml(`${hostile} (${hostile})`)}`);
  });
});

describe('messages', () => {
  test('every language has every key, none empty', () => {
    const shape = (value: unknown): unknown =>
      typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)])) : typeof value;
    const leaves = (value: unknown): unknown[] => (typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [value]);
    const english = shape(messages('en'));
    for (const lang of languages) {
      expect(shape(messages(lang))).toEqual(english);
      for (const leaf of leaves(messages(lang))) expect(leaf).not.toBe('');
    }
  });

  test('incident statuses as the brief names them', () => {
    expect(Object.values(messages('pt-BR').incidentStatus)).toEqual(['Investigando', 'Identificado', 'Monitorando', 'Resolvido']);
    expect(Object.values(messages('es').incidentStatus)).toEqual(['Investigando', 'Identificado', 'Supervisando', 'Resuelto']);
  });
});
