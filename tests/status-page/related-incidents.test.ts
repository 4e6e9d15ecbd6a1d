import { beforeAll, describe, expect, test } from 'vitest';
import type { PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { relateIncident } from '../../src/services/incident/relate-incidents.ts';
import { loadPublicIncident } from '../../src/services/public-page/load-history.ts';
import { loadPublicSnapshot } from '../../src/services/public-page/load-public-snapshot.ts';
import { renderIncidentPage } from '../../src/status-page/html/incident-page.ts';
import { incidentsJson } from '../../src/status-page/statuspage-json.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

const minute = 60_000;

// The page's zone is São Paulo (UTC-3).
describe.each(databaseKinds)('related incidents on the status page, on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  let snapshot: PublicSnapshot;

  const published = async (title: string, text: string) => {
    const alice = h.as('alice');
    const { id } = await declareIncident(alice, { title, components: ['CRM'] });
    h.clock.advance(5 * minute);
    await draftPublicUpdate(alice, { incident: id, status: 'investigating', text });
    await approveDraft(alice, { incident: id });
    return id;
  };
  const incident = (number: number) => snapshot.incidents.find((i) => i.number === number)!;
  const jsonOf = (number: number) => incidentsJson(snapshot).incidents.find((i) => i.id === `INC-${number}`)!;

  beforeAll(async () => {
    h = await harness(database.db, {}, new Date('2021-09-01T12:00:00Z'));
    await published('Login failures', 'Logins fail.'); // INC-1, first published 09:05 -03:00
    h.clock.set(new Date('2021-09-15T13:00:00Z'));
    await declareIncident(h.as('alice'), { title: 'Secret vendor outage at Acme', components: ['CRM'] }); // INC-2, never published
    await published('Login failures again', 'Logins fail again.'); // INC-3
    await relateIncident(h.as('alice'), { incident: 3, related: 1, kind: 'recurrence' });
    await relateIncident(h.as('alice'), { incident: 3, related: 2, kind: 'caused-by' });
    await published('Slow messages', 'Messages are slow.'); // INC-4, related only to the unpublished INC-2
    await relateIncident(h.as('alice'), { incident: 4, related: 2, kind: 'duplicate' });
    snapshot = await loadPublicSnapshot(database.db, h.clock, h.config);
  });

  test('the API carries the published related incidents both ways, with their relation and created_at in the page zone', () => {
    expect(jsonOf(3).related_incidents).toEqual([
      { id: 'INC-1', name: 'Login failures', relation: 'recurrence_of', created_at: '2021-09-01T09:05:00.000-03:00' },
    ]);
    expect(jsonOf(1).related_incidents).toEqual([
      { id: 'INC-3', name: 'Login failures again', relation: 'recurred_as', created_at: '2021-09-15T10:05:00.000-03:00' },
    ]);
    expect(jsonOf(1).created_at).toBe('2021-09-01T09:05:00.000-03:00');
  });

  test('an incident never published is left out: its title reaches neither the API nor the page', () => {
    const pages = [3, 4].map((number) => renderIncidentPage(snapshot, incident(number), { lang: 'en', zone: 'America/Sao_Paulo' }));
    const everything = JSON.stringify(incidentsJson(snapshot)) + pages.join('');
    expect(everything).not.toContain('Acme');
    expect(everything).not.toContain('INC-2');
  });

  test('the incident page lists them with a link and the date, in each page language and the visitor’s zone', () => {
    const en = renderIncidentPage(snapshot, incident(3), { lang: 'en', zone: 'America/Sao_Paulo' });
    expect(en).toContain('<h2 id="related-incidents">Related incidents</h2>');
    expect(en).toContain(
      'Recurrence of <a href="/incidents/INC-1">INC-1 Login failures</a> · <time datetime="2021-09-01T12:05:00.000Z">Sep 1, 2021 - 09:05 GMT-03:00</time>',
    );
    const pt = renderIncidentPage(snapshot, incident(1), { lang: 'pt-BR', zone: 'Europe/Lisbon' });
    expect(pt).toContain('<h2 id="related-incidents">Incidentes relacionados</h2>');
    expect(pt).toContain('Voltou a ocorrer em <a href="/incidents/INC-3?lang=pt-BR&amp;tz=Europe%2FLisbon">INC-3 Login failures again</a>');
    expect(pt).toContain('14:05 GMT+01:00');
    const es = renderIncidentPage(snapshot, incident(1), { lang: 'es', zone: 'America/Sao_Paulo' });
    expect(es).toContain('<h2 id="related-incidents">Incidentes relacionados</h2>');
    expect(es).toContain('Volvió a ocurrir en <a href="/incidents/INC-3?lang=es">');
  });

  test('an incident related only to unpublished ones has no such section, and an empty list in the API', () => {
    expect(renderIncidentPage(snapshot, incident(4), { lang: 'en', zone: 'UTC' })).not.toContain('related-incidents');
    expect(jsonOf(4).related_incidents).toEqual([]);
  });

  test('an incident read on its own (history, its page) carries the same related incidents as the snapshot', async () => {
    expect((await loadPublicIncident(database.db, h.config, 1))?.related).toEqual(incident(1).related);
  });
});
