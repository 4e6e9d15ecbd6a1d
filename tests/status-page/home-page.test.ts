import { describe, expect, test } from 'vitest';
import { renderHomePage } from '../../src/status-page/html/home.ts';
import { takeBlipSnapshot } from './fixtures.ts';

/** The markup of the first <section> whose class list contains `name`. */
function section(html: string, name: string): string {
  const start = html.search(new RegExp(`<section class="[^"]*\\b${name}\\b`));
  if (start < 0) return '';
  return html.slice(start, html.indexOf('</section>', start));
}

const text = (markup: string) => markup.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

describe('home page in English, page zone', () => {
  const html = renderHomePage(takeBlipSnapshot(), { lang: 'en', zone: 'America/Sao_Paulo' });

  test('is a complete HTML5 document in the requested language', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<title>Take Blip Status</title>');
    expect(html).toContain('<h1>Take Blip Status</h1>');
    expect(html).toContain('<link rel="stylesheet" href="/assets/style.css">');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  test('carries no script and no inline style', () => {
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  test('says the overall state in words, with a shape beside the colour', () => {
    const overall = section(html, 'overall');
    expect(overall).toContain('indicator-major');
    expect(overall).toContain('<svg class="icon"');
    expect(text(overall)).toContain('Partial System Outage');
  });

  test('lists components under their group with their state in words', () => {
    const components = text(section(html, 'components'));
    expect(components).toContain('Take Blip Platform');
    expect(components).toContain('CRMPartial Outage');
    expect(components).toContain('CoreDegraded Performance');
    expect(components).toContain('Cloud InfrastructureOperational');
  });

  test('shows the open incident with its updates newest first, stamped in the zone', () => {
    const active = text(section(html, 'active-incidents'));
    expect(active).toContain('Instability when sending and receiving messages');
    expect(active).toContain('Impact: Major');
    const identified = active.indexOf('Identified - The cause was identified');
    const investigating = active.indexOf('Investigating - We are investigating');
    expect(identified).toBeGreaterThan(-1);
    expect(investigating).toBeGreaterThan(identified);
    expect(active.indexOf('Posted Sep 13, 2021 - 12:20 GMT-03:00')).toBeGreaterThan(identified);
    expect(active.indexOf('Posted Sep 13, 2021 - 11:22 GMT-03:00')).toBeGreaterThan(investigating);
    expect(active).toContain('This incident affected: Take Blip Platform (CRM, Core)');
    expect(active).not.toContain('Delay in Analytics reports');
  });

  test('marks up update times for machines as UTC instants', () => {
    expect(html).toContain('<time datetime="2021-09-13T15:20:00.000Z">Sep 13, 2021 - 12:20 GMT-03:00</time>');
  });

  test('lists incidents resolved in the last 14 days as resolved, and no older', () => {
    const past = section(html, 'past-incidents');
    expect(text(past)).toContain('Past incidents');
    expect(text(past)).toContain('Delay in Analytics reports');
    expect(past).toContain('badge-resolved');
    expect(text(past)).toContain('Resolved - Reports are up to date again.');
    expect(text(past)).toContain('This incident affected: Take Blip Platform (Analytics)');
    expect(text(past)).not.toContain('Portal login errors');
    expect(text(past)).not.toContain('Instability when sending');
  });

  test('offers the other page language, keeping the default zone out of the link', () => {
    expect(html).toContain('<a href="/?lang=pt-BR" hreflang="pt-BR" lang="pt-BR">Português (Brasil)</a>');
    expect(html).toContain('<span aria-current="true" lang="en">English</span>');
    expect(html).not.toContain('Español');
  });
});

describe('home page in another language and zone', () => {
  const html = renderHomePage(takeBlipSnapshot(), { lang: 'pt-BR', zone: 'Europe/Lisbon' });

  test('translates the page', () => {
    expect(html).toContain('<html lang="pt-BR">');
    const all = text(html);
    expect(all).toContain('Interrupção parcial do sistema');
    expect(all).toContain('Identificado - The cause');
    expect(all).toContain('Este incidente afetou: Take Blip Platform (CRM, Core)');
    expect(all).toContain('Incidentes anteriores');
    expect(all).toContain('CRMInterrupção parcial');
    expect(all).toContain('Impacto: Alto');
  });

  test('stamps times in the requested zone', () => {
    expect(text(html)).toContain('Publicado 13 set 2021 - 16:20 GMT+01:00');
  });

  test('keeps the chosen zone when switching language', () => {
    expect(html).toContain('<a href="/?lang=en&amp;tz=Europe%2FLisbon" hreflang="en" lang="en">English</a>');
    expect(html).toContain('<input id="tz" name="tz" value="Europe/Lisbon"');
  });
});

describe('quiet page', () => {
  test('all operational, no incidents reported', () => {
    const snapshot = takeBlipSnapshot();
    snapshot.incidents = [];
    for (const component of snapshot.components) component.status = 'operational';
    const html = renderHomePage(snapshot, { lang: 'en', zone: 'America/Sao_Paulo' });
    expect(section(html, 'overall')).toContain('indicator-none');
    expect(text(section(html, 'overall'))).toContain('All Systems Operational');
    expect(section(html, 'active-incidents')).toBe('');
    expect(text(section(html, 'past-incidents'))).toContain('No incidents reported');
  });

  test('the past window is counted from the snapshot, not from the machine clock', () => {
    const snapshot = takeBlipSnapshot();
    snapshot.builtAt = new Date('2021-09-22T13:11:00Z');
    const html = renderHomePage(snapshot, { lang: 'en', zone: 'America/Sao_Paulo' });
    expect(text(section(html, 'past-incidents'))).toContain('No incidents reported');
    snapshot.builtAt = new Date('2021-09-22T13:09:00Z');
    const stillRecent = renderHomePage(snapshot, { lang: 'en', zone: 'America/Sao_Paulo' });
    expect(text(section(stillRecent, 'past-incidents'))).toContain('Delay in Analytics reports');
  });
});

describe('a busy fortnight', () => {
  test('the home page lists at most ten recent past incidents, newest first, and links to the history', async () => {
    const { pastIncidentsShown } = await import('../../src/status-page/html/home.ts');
    const base = takeBlipSnapshot();
    const resolved = base.incidents.find((incident) => incident.status === 'resolved')!;
    const many = Array.from({ length: 30 }, (_, i) => ({
      ...resolved,
      number: 5000 + i,
      title: `Busy incident ${i}`,
      resolvedAt: new Date(base.builtAt.getTime() - (i + 1) * 3600_000),
      updatedAt: new Date(base.builtAt.getTime() - (i + 1) * 3600_000),
    }));
    const html = renderHomePage(
      { ...base, incidents: [...many, ...base.incidents.filter((i) => i.status !== 'resolved')] },
      { lang: 'en', zone: 'America/Sao_Paulo' },
    );
    const past = html.slice(html.indexOf('id="past-incidents-title"'));
    const shown = [...past.matchAll(/Busy incident (\d+)/g)].map((m) => Number(m[1]));
    expect(pastIncidentsShown).toBe(10);
    expect([...new Set(shown)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(past).toContain('href="/history"');
  });
});
