import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { escapeHtml } from '../../src/status-page/html/escape.ts';
import { renderHistoryPage } from '../../src/status-page/html/history-page.ts';
import { renderHomePage } from '../../src/status-page/html/home.ts';
import { renderIncidentPage } from '../../src/status-page/html/incident-page.ts';
import { formatPercent } from '../../src/status-page/html/uptime.ts';
import type { HistoryPage } from '../../src/domain/public-page/history.ts';
import type { PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { computeUptime } from '../../src/domain/public-page/uptime.ts';
import { busySnapshot } from './busy-fixture.ts';
import { takeBlipSnapshot } from './fixtures.ts';

const text = (markup: string) => markup.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
const sp = { lang: 'en', zone: 'America/Sao_Paulo' } as const;
const noScriptOrInlineStyle = /<script|<style|\sstyle=|\son[a-z]+=/i;

/** The Take Blip page after INC-7: CRM partially out for 1 h 48 min on 13 September. */
function afterInc7(): PublicSnapshot {
  const snapshot = takeBlipSnapshot();
  const change = (oldStatus: 'operational' | 'partial_outage', newStatus: 'operational' | 'partial_outage') => [{ name: 'CRM', oldStatus, newStatus }];
  snapshot.incidents = [
    {
      ...snapshot.incidents[1]!,
      number: 7,
      title: 'Degraded performance',
      components: ['CRM'],
      impactStart: null,
      impactEnd: null,
      updates: [
        {
          id: 2,
          status: 'resolved',
          body: 'Fixed.',
          publishedAt: new Date('2021-09-13T16:10:00Z'),
          affectedComponents: change('partial_outage', 'operational'),
        },
        {
          id: 1,
          status: 'investigating',
          body: 'Slow.',
          publishedAt: new Date('2021-09-13T14:22:00Z'),
          affectedComponents: change('operational', 'partial_outage'),
        },
      ],
    },
  ];
  snapshot.builtAt = new Date('2021-09-14T12:00:00Z');
  snapshot.uptime = computeUptime({ now: snapshot.builtAt, zone: sp.zone, components: snapshot.components, incidents: snapshot.incidents });
  return snapshot;
}

describe('uptime bars on the home page', () => {
  const html = renderHomePage(afterInc7(), sp);

  test('one bar per day under each component, each with a colour class and its words', () => {
    const lists = html.match(/<ol class="bars"[^>]*>.*?<\/ol>/g)!;
    expect(lists).toHaveLength(6);
    for (const list of lists) {
      const days = list.match(/<li class="day-[a-z_]+"><span class="tip">[^<]+<\/span><\/li>/g)!;
      expect(days).toHaveLength(90);
    }
    expect(html).toContain('<ol class="bars" aria-label="CRM: uptime over the last 90 days">');
  });

  test('a day says what happened in words, not only in colour', () => {
    expect(html).toContain('<li class="day-partial_outage"><span class="tip">Sep 13, 2021: partial outage 1 h 48 min — INC-7 Degraded performance</span></li>');
    expect(html).toContain('<li class="day-operational"><span class="tip">Sep 14, 2021: no downtime</span></li>');
  });

  test('captions and the 90-day figure, truncated rather than rounded up', () => {
    const crm = html.slice(html.indexOf('aria-label="CRM:'));
    // 108 min × 30 % over 89 days and 9 hours of measured time.
    expect(text(crm)).toMatch(/^[\s\S]*?90 days ago99\.97 % uptimeToday/);
    expect(formatPercent(0.9987, 'en')).toBe('99.87');
    expect(formatPercent(0.99999, 'en')).toBe('99.99');
    expect(formatPercent(1, 'en')).toBe('100.00');
    expect(formatPercent(0.9987, 'pt-BR')).toBe('99,87');
  });

  test.each([
    ['pt-BR', 'Há 90 dias', 'Hoje', '99,97 % de disponibilidade', '13 set 2021: interrupção parcial 1 h 48 min — INC-7 Degraded performance'],
    ['es', 'Hace 90 días', 'Hoy', '99,97 % de disponibilidad', '13 sep 2021: interrupción parcial 1 h 48 min — INC-7 Degraded performance'],
  ] as const)('in %s', (lang, since, today, total, label) => {
    const localized = text(renderHomePage(afterInc7(), { ...sp, lang }));
    for (const expected of [since, today, total, label]) expect(localized).toContain(expected);
  });

  test('names and titles in labels are escaped', () => {
    const hostile = `<img src=x onerror=alert(1)>"'&`;
    const snapshot = afterInc7();
    snapshot.components[0]!.name = hostile;
    snapshot.incidents[0]!.title = hostile;
    for (const update of snapshot.incidents[0]!.updates) for (const component of update.affectedComponents) component.name = hostile;
    snapshot.uptime = computeUptime({ now: snapshot.builtAt, zone: sp.zone, components: snapshot.components, incidents: snapshot.incidents });
    const page = renderHomePage(snapshot, sp);
    expect(page).not.toContain('<img');
    expect(page).toContain(`aria-label="${escapeHtml(hostile)}: uptime over the last 90 days"`);
    expect(page).toContain(`— INC-7 ${escapeHtml(hostile)}</span>`);
  });

  test('a busy quarter stays under 30 KB gzipped, page and stylesheet together', () => {
    const page = renderHomePage(busySnapshot(), sp);
    expect(page.match(/<li class="day-/g)).toHaveLength(540);
    expect(page).toMatch(/day-major_outage/);
    const css = readFileSync(new URL('../../src/status-page/assets/style.css', import.meta.url));
    const gzipped = gzipSync(page).length + gzipSync(css).length;
    expect(gzipped).toBeLessThan(30 * 1024);
  });
});

describe('incident page', () => {
  const snapshot = takeBlipSnapshot();
  const open = snapshot.incidents[0]!;
  const html = renderIncidentPage(snapshot, open, sp);

  test('title, status, impact, customer impact, updates newest first, affected components', () => {
    expect(html).toContain('<title>INC-1042 Instability when sending and receiving messages · Take Blip Status</title>');
    expect(html).toContain('<h1 class="incident-title">Instability when sending and receiving messages</h1>');
    const all = text(html);
    expect(all).toContain('INC-1042Status: IdentifiedImpact: Major');
    expect(all).toContain('Customer impact: Sep 13, 2021 - 11:05 GMT-03:00 → ongoing');
    const identified = all.indexOf('Identified - The cause');
    expect(identified).toBeGreaterThan(-1);
    expect(all.indexOf('Posted Sep 13, 2021 - 12:20 GMT-03:00')).toBeGreaterThan(identified);
    expect(all.indexOf('Investigating - We are investigating')).toBeGreaterThan(identified);
    expect(all).toContain('This incident affected: Take Blip Platform (CRM, Core)');
    expect(html).not.toMatch(noScriptOrInlineStyle);
  });

  test('the header links home, and the language and zone switches stay on the incident', () => {
    expect(html).toContain('<p class="page-name"><a href="/">Take Blip Status</a></p>');
    expect(html).toContain('<a href="/incidents/INC-1042?lang=pt-BR" hreflang="pt-BR"');
    expect(html).toContain('<form class="zone-form" method="get" action="/incidents/INC-1042">');
  });

  test('in another language and zone, with the end of the impact when there is one', () => {
    const resolved = snapshot.incidents[1]!;
    const page = renderIncidentPage(snapshot, resolved, { lang: 'pt-BR', zone: 'Europe/Lisbon' });
    const all = text(page);
    expect(all).toContain('Impacto para os clientes: 8 set 2021 - 12:40 GMT+01:00 → 8 set 2021 - 14:05 GMT+01:00');
    expect(all).toContain('Status: Resolvido');
    expect(all).toContain('Publicado 8 set 2021 - 14:10 GMT+01:00');
    // Links keep the visitor's choices; the page's defaults stay out of the URL.
    expect(page).toContain('<a href="/?lang=pt-BR&amp;tz=Europe%2FLisbon">Take Blip Status</a>');
    expect(page).toContain('<a href="/incidents/INC-1038?lang=en&amp;tz=Europe%2FLisbon" hreflang="en"');
  });

  test('escapes the title and the bodies', () => {
    const hostile = `<script>x</script>"'&`;
    const page = renderIncidentPage(snapshot, { ...open, title: hostile, updates: open.updates.map((u) => ({ ...u, body: hostile })) }, sp);
    expect(page).not.toContain('<script');
    expect(page).toContain(`<h1 class="incident-title">${escapeHtml(hostile)}</h1>`);
    expect(page).toContain(`<title>INC-1042 ${escapeHtml(hostile)} · Take Blip Status</title>`);
  });

  test('the incident report comes above the updates, one paragraph per block, escaped', () => {
    const resolved = snapshot.incidents[1]!;
    const body = 'What happened\nThe <report> queue & "its" workers stalled.\n \nWhat we did\nWe restarted them.';
    const page = renderIncidentPage(snapshot, { ...resolved, report: { body, publishedAt: new Date('2021-09-21T17:34:00Z') } }, sp);
    expect(page).toContain('<h2 id="incident-report">Incident report</h2>');
    // The blank line (a space in it included) ends its paragraph, where HTML shows no blanks: every character stays.
    expect(page).toContain(
      '<p>What happened<br>\nThe &lt;report&gt; queue &amp; &quot;its&quot; workers stalled.\n \n</p>\n<p>What we did<br>\nWe restarted them.</p>',
    );
    expect(page).not.toContain('<report>');
    const all = text(page);
    expect(all).toContain('Posted Sep 21, 2021 - 14:34 GMT-03:00');
    expect(all.indexOf('Incident report')).toBeLessThan(all.indexOf('Resolved - Reports are up to date again.'));
    expect(
      text(
        renderIncidentPage(
          snapshot,
          { ...resolved, report: { body, publishedAt: new Date('2021-09-21T17:34:00Z') } },
          { lang: 'es', zone: 'America/Sao_Paulo' },
        ),
      ),
    ).toContain('Informe del incidente');
    expect(html).not.toContain('incident-report');
  });
});

describe('history page', () => {
  const snapshot = busySnapshot(30);
  const pageOf = (page: number, size = 25): HistoryPage => ({
    page,
    incidents: snapshot.incidents.slice((page - 1) * size, page * size),
    hasNext: snapshot.incidents.length > page * size,
    loadedAt: snapshot.builtAt,
  });

  test('incidents under their month, newest first, each linking to its page with its times', () => {
    const html = renderHistoryPage(snapshot, pageOf(1), sp);
    const months = [...html.matchAll(/<h2 id="month-\d+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(months).toEqual(['September 2021', 'August 2021', 'July 2021']);
    const newest = snapshot.incidents[0]!;
    expect(html).toContain(`<a href="/incidents/INC-${newest.number}">${escapeHtml(newest.title)}</a>`);
    expect(html.indexOf(`INC-${newest.number}`)).toBeLessThan(html.indexOf(`INC-${snapshot.incidents[1]!.number}`));
    expect(text(html)).toMatch(/First update Sep \d+, 2021 - \d\d:\d\d GMT-03:00/);
    expect(text(html)).toContain('Status: Monitoring');
    expect(html.match(/class="history-item/g)).toHaveLength(25);
    expect(html).not.toMatch(noScriptOrInlineStyle);
  });

  test('previous and next pages, keeping language and zone', () => {
    const first = renderHistoryPage(snapshot, pageOf(1), sp);
    expect(first).toContain('<a rel="next" href="/history/page/2/">Older incidents →</a>');
    expect(first).not.toContain('rel="prev"');
    const second = renderHistoryPage(snapshot, pageOf(2), { lang: 'es', zone: 'UTC' });
    expect(second).toContain('<a rel="prev" href="/history?lang=es&amp;tz=UTC">← Incidentes más recientes</a>');
    expect(second).not.toContain('rel="next"');
    expect(second).toContain('<form class="zone-form" method="get" action="/history/page/2/">');
  });

  test('months follow the zone the visitor reads times in', () => {
    const justAfterMidnight = { ...snapshot.incidents[0]!, createdAt: new Date('2021-09-01T01:00:00Z') };
    const page = { ...pageOf(1), incidents: [justAfterMidnight] };
    expect(renderHistoryPage(snapshot, page, sp)).toContain('>August 2021</h2>');
    expect(renderHistoryPage(snapshot, page, { lang: 'pt-BR', zone: 'UTC' })).toContain('>Setembro de 2021</h2>');
  });

  test('no incidents at all', () => {
    const empty = renderHistoryPage(snapshot, { page: 1, incidents: [], hasNext: false, loadedAt: snapshot.builtAt }, sp);
    expect(text(empty)).toContain('No incidents reported');
    expect(empty).not.toContain('class="pager"');
  });
});
