import { describe, expect, test } from 'vitest';
import { renderMaintenances } from '../../src/status-page/html/maintenances.ts';
import { takeBlipSnapshot } from './fixtures.ts';
import { maintenanceSnapshot } from './maintenance-fixtures.ts';

/** The markup of the first <section> whose class list contains `name`. */
function section(html: string, name: string): string {
  const start = html.search(new RegExp(`<section class="[^"]*\\b${name}\\b`));
  if (start < 0) return '';
  return html.slice(start, html.indexOf('</section>', start));
}

const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

describe('renderMaintenances in English, page zone', () => {
  const html = renderMaintenances(maintenanceSnapshot(), { lang: 'en', zone: 'America/Sao_Paulo' });

  test('in progress first, then scheduled; completed maintenance is not announced', () => {
    expect(html.indexOf('maintenance-in-progress')).toBeLessThan(html.indexOf('scheduled-maintenance'));
    expect(html).not.toContain('Certificate rotation');
    expect(html).not.toContain('MNT-2');
  });

  test('the maintenance in progress: title, status, window with offsets, affected components', () => {
    const active = text(section(html, 'maintenance-in-progress'));
    expect(active).toContain('Maintenance in progress');
    expect(active).toContain('Core database upgrade');
    expect(active).toContain('In progress');
    expect(active).toContain('Sep 13, 2021 - 12:00 GMT-03:00 → 14:00 GMT-03:00');
    expect(active).toContain('Affected components: Take Blip Platform (CRM, Analytics)');
    expect(active).not.toContain('Portal');
  });

  test('the scheduled one, under its own heading, anchored by its id', () => {
    const scheduled = section(html, 'scheduled-maintenance');
    expect(text(scheduled)).toContain('Scheduled maintenance');
    expect(text(scheduled)).toContain('Sep 20, 2021 - 02:00 GMT-03:00 → 04:00 GMT-03:00');
    expect(text(scheduled)).toContain('Affected components: Take Blip Platform (CRM, Portal)');
    expect(scheduled).toContain('<article class="incident maintenance impact-maintenance" id="MNT-4">');
  });

  test('the title is escaped, never markup', () => {
    expect(html).toContain('Portal &lt;b&gt;migration&lt;/b&gt; &amp; &quot;cleanup&quot;');
    expect(html).not.toContain('<b>');
  });

  test('times are marked up for machines as UTC instants', () => {
    expect(html).toContain(
      '<time datetime="2021-09-20T05:00:00.000Z">Sep 20, 2021 - 02:00 GMT-03:00</time> → <time datetime="2021-09-20T07:00:00.000Z">04:00 GMT-03:00</time>',
    );
  });

  test('carries no script and no inline style', () => {
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });
});

describe('renderMaintenances in other languages and zones', () => {
  test('pt-BR', () => {
    const html = text(renderMaintenances(maintenanceSnapshot(), { lang: 'pt-BR', zone: 'America/Sao_Paulo' }));
    expect(html).toContain('Manutenção em andamento');
    expect(html).toContain('Em andamento');
    expect(html).toContain('13 set 2021 - 12:00 GMT-03:00 → 14:00 GMT-03:00');
    expect(html).toContain('Manutenção programada');
    expect(html).toContain('Programada');
    expect(html).toContain('20 set 2021 - 02:00 GMT-03:00 → 04:00 GMT-03:00');
    expect(html).toContain('Componentes afetados: Take Blip Platform (CRM, Portal)');
  });

  test('es', () => {
    const html = text(renderMaintenances(maintenanceSnapshot(), { lang: 'es', zone: 'America/Sao_Paulo' }));
    expect(html).toContain('Mantenimiento en curso');
    expect(html).toContain('Mantenimiento programado');
    expect(html).toContain('20 sep 2021 - 02:00 GMT-03:00 → 04:00 GMT-03:00');
    expect(html).toContain('Componentes afectados');
  });

  test('in the visitor’s zone, a window across midnight keeps the end’s date', () => {
    const html = text(renderMaintenances(maintenanceSnapshot(), { lang: 'en', zone: 'America/Los_Angeles' }));
    expect(html).toContain('Sep 19, 2021 - 22:00 GMT-07:00 → Sep 20, 2021 - 00:00 GMT-07:00');
    expect(html).toContain('Sep 13, 2021 - 08:00 GMT-07:00 → 10:00 GMT-07:00');
  });

  test('a maintenance naming no component has no affected line', () => {
    const snapshot = maintenanceSnapshot();
    snapshot.maintenances = snapshot.maintenances.map((m) => ({ ...m, components: [] }));
    expect(renderMaintenances(snapshot, { lang: 'en', zone: 'UTC' })).not.toContain('Affected components');
  });

  test('nothing at all when no maintenance is upcoming or in progress', () => {
    expect(renderMaintenances(takeBlipSnapshot(), { lang: 'en', zone: 'America/Sao_Paulo' })).toBe('');
    const onlyCompleted = maintenanceSnapshot();
    onlyCompleted.maintenances = onlyCompleted.maintenances.filter((m) => m.status === 'completed');
    expect(renderMaintenances(onlyCompleted, { lang: 'en', zone: 'America/Sao_Paulo' })).toBe('');
  });
});
