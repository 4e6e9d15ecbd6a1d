import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { reportBlocks, reportText, versionFor } from '../../src/domain/report.ts';
import { fillTemplate, shippedTemplates, templateFor } from '../../src/i18n/report-templates.ts';
import { root } from '../support/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'crisisroom-report-config-'));
const configWith = (yaml: string) => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, yaml);
  return () => loadConfig({ CRISISROOM_CONFIG: path });
};

describe('report templates', () => {
  test('the example file writes its own pt-BR voice and keeps the shipped words it leaves out', () => {
    const { reports } = loadConfig({ CRISISROOM_CONFIG: join(root, 'crisisroom.example.yaml') });
    const pt = templateFor(reports.templates, 'pt-BR');
    expect(pt.opening).toBe('Olá blipper!\n\nQueremos contar o que aconteceu em {date}: {title}.');
    expect(pt.titles).toEqual({ ...shippedTemplates['pt-BR'].titles, impact: 'Como este problema impactou você' });
    expect(templateFor(reports.templates, 'en')).toEqual(shippedTemplates.en);
    expect(reports.customerChannels).toBe(true);
  });

  test('a placeholder that is not one is refused at start-up, naming it and the ones there are', () => {
    expect(configWith('reports:\n  templates:\n    es:\n      closing: "Saludos, {team}"\n')).toThrow(
      'reports.templates.es.closing: {team} is no placeholder of a report template (they are {title}, {date}, {page})',
    );
    expect(configWith('reports:\n  templates:\n    fr:\n      opening: Bonjour\n')).toThrow(/reports\.templates\.fr/);
    expect(configWith('reports:\n  templates:\n    en:\n      titles:\n        cause: Root cause\n')).toThrow(
      /unknown key reports\.templates\.en\.titles\.cause/,
    );
  });

  test('placeholders are filled where they stand, text around them kept', () => {
    expect(fillTemplate('{page}: {title} ({date}) {title}', { title: 'Clock jumped', date: 'September 15, 2021', page: 'Take Blip Status' })).toBe(
      'Take Blip Status: Clock jumped (September 15, 2021) Clock jumped',
    );
  });
});

describe('a report as read', () => {
  const titles = shippedTemplates.en.titles;

  test('sections in reading order, titled ones under their title, empty ones left out', () => {
    const blocks = reportBlocks({ closing: 'Thanks.', happened: 'A clock jumped.', opening: 'Hello,', impact: '  ' }, titles);
    expect(blocks.map((b) => [b.section, b.title])).toEqual([
      ['opening', null],
      ['happened', 'What happened'],
      ['closing', null],
    ]);
    expect(reportText(blocks)).toBe('Hello,\n\nWhat happened\nA clock jumped.\n\nThanks.');
  });

  test('a reader gets their language, else the page’s first that the report has, else nothing', () => {
    const versions = { 'pt-BR': { happened: 'Um relógio pulou.' }, en: { happened: 'A clock jumped.' } };
    expect(versionFor(versions, 'pt-BR', ['en', 'pt-BR'])?.lang).toBe('pt-BR');
    expect(versionFor(versions, 'es', ['en', 'pt-BR'])?.lang).toBe('en');
    expect(versionFor({ 'pt-BR': { happened: 'x' } }, 'es', ['en', 'pt-BR'])?.lang).toBe('pt-BR');
    expect(versionFor({}, 'en', ['en'])).toBeNull();
  });
});
