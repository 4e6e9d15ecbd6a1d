import { beforeAll, describe, expect, test } from 'vitest';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { draftIncidentReport } from '../../src/services/draft/draft-incident-report.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { editDraft } from '../../src/services/draft/edit-draft.ts';
import { loadPublicIncident } from '../../src/services/public-page/load-history.ts';
import { loadPublicSnapshot } from '../../src/services/public-page/load-public-snapshot.ts';
import { getTimeline } from '../../src/services/queries.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { setComponents } from '../../src/services/incident/set-components.ts';
import { subscribeChannel } from '../../src/services/subscription/subscriptions.ts';
import { incidentsJson, unresolvedIncidentsJson } from '../../src/status-page/statuspage-json.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, dumpAll, harness, takeBlipConfig } from '../support/services.ts';

const report = 'What happened\nA cache node of the BLiP platform failed.\n\nImpact\nMessages were delayed for 40 minutes.';

describe.each(databaseKinds)('the incident report on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;

  beforeAll(async () => {
    h = await harness(database.db, { slack: { ...takeBlipConfig.slack, admins: ['UADMIN'] } });
    // A customer channel that follows every component: it gets the updates, never the report.
    await subscribeChannel(h.as('admin', { platform: 'slack', id: 'UADMIN' }), { channelId: 'C1', channelName: 'customers' });
    await declareIncident(h.as('alice'), { title: 'Degraded performance on the BLiP', severity: 2, components: ['CRM'] });
    await setComponents(h.as('alice'), { changes: [{ name: 'CRM', state: 'partial_outage' }] });
    await draftPublicUpdate(h.as('alice'), { status: 'investigating', text: 'We are investigating.' });
    await approveDraft(h.as('alice'), { draft: 1 });
  });

  test('is refused before the resolution, and the refusal changes nothing', async () => {
    const before = await dumpAll(database.db);
    await expect(draftIncidentReport(h.as('bob'), { incident: 1, text: report })).rejects.toThrow(
      'INC-1 is not resolved yet: the incident report comes after the resolution.',
    );
    expect(await dumpAll(database.db)).toBe(before);
  });

  test('is drafted after the resolution, without component changes', async () => {
    await resolveIncident(h.as('alice'), { text: 'Messages flow normally again.' });
    h.clock.advance(60_000);
    await approveDraft(h.as('alice'), { draft: 2 });
    // A component moved after the resolution must not ride along with the report.
    await setComponents(h.as('alice'), { incident: 1, changes: [{ name: 'CRM', state: 'degraded_performance' }] });
    const { draft } = await draftIncidentReport(h.as('bob'), { incident: 1, text: `  ${report}\n` });
    expect(draft).toMatchObject({ number: 3, kind: 'report', status: 'resolved', state: 'pending', body: report });
    expect(draft.componentChanges).toEqual([]);
    expect(h.events.at(-1)).toEqual({ type: 'draft_created', incidentId: 1, draftId: draft.id });
    const { entries } = await getTimeline(h.as('alice'), { incident: 1 });
    expect(entries.at(-1)!.text).toBe('Incident report D3 drafted');
  });

  test('approval publishes a report to the status page only, leaving the components alone', async () => {
    h.clock.advance(60_000);
    const result = await approveDraft(h.as('alice'), { incident: 1, draft: 3 });
    expect(result.publication).toMatchObject({ kind: 'report', status: 'resolved', body: report, publishedAt: h.clock.now() });
    expect(result.componentChanges).toEqual([]);
    const deliveries = await database.db.prisma.delivery.findMany({ where: { publicationId: result.publication.id } });
    expect(deliveries.map((d) => d.target)).toEqual(['status-page']);
    const { entries } = await getTimeline(h.as('alice'), { incident: 1 });
    expect(entries.at(-1)!.text).toBe('Incident report D3 approved by alice and published');

    const snapshot = await loadPublicSnapshot(database.db, h.clock, h.config);
    expect(snapshot.components.find((c) => c.name === 'CRM')!.status).toBe('operational');
    const [incident] = snapshot.incidents;
    expect(incident!.report).toEqual({ body: report, publishedAt: h.clock.now() });
    expect(incident!.updates.map((u) => u.status)).toEqual(['resolved', 'investigating']);
    expect(incident!.status).toBe('resolved');
    expect((await loadPublicIncident(database.db, h.config, 1))!.report).toEqual(incident!.report);

    const [json] = incidentsJson(snapshot).incidents;
    expect(json).toMatchObject({ status: 'postmortem', postmortem_body: report, postmortem_published_at: '2021-09-15T10:52:00.000-03:00' });
    expect(json!.incident_updates).toHaveLength(2);
    expect(unresolvedIncidentsJson(snapshot).incidents).toEqual([]);
  });

  test('a second approved report replaces the first on the page', async () => {
    await draftIncidentReport(h.as('alice'), { incident: 1, text: 'Corrected: the impact lasted 35 minutes.' });
    h.clock.advance(60_000);
    await approveDraft(h.as('alice'), { incident: 1, draft: 4 });
    const snapshot = await loadPublicSnapshot(database.db, h.clock, h.config);
    expect(snapshot.incidents[0]!.report).toEqual({ body: 'Corrected: the impact lasted 35 minutes.', publishedAt: h.clock.now() });
    expect(snapshot.incidents[0]!.updates).toHaveLength(2);
  });

  test('a report may be edited to a length no public update may have; the timeline names it a report', async () => {
    const long = 'Root cause and actions. '.repeat(400);
    const { draft } = await draftIncidentReport(h.as('alice'), { incident: 1, text: 'Short first version.' });
    await editDraft(h.as('alice'), { incident: 1, draft: draft.number, status: 'resolved', text: long });
    await draftPublicUpdate(h.as('alice'), { incident: 1, status: 'resolved', text: 'Update.' });
    const update = await database.db.prisma.publicDraft.findFirstOrThrow({ where: { incidentId: 1, kind: 'update', state: 'pending' } });
    await expect(editDraft(h.as('alice'), { incident: 1, draft: update.number, status: 'resolved', text: long })).rejects.toThrow(
      `A public update holds at most 4000 characters (this text has ${long.trim().length}).`,
    );
    const { entries } = await getTimeline(h.as('alice'), { incident: 1 });
    expect(entries.map((e) => e.text)).toContain(`Incident report D${draft.number} edited by alice (resolved): ${long.trim()}`);
  });
});
