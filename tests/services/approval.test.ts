import { beforeAll, describe, expect, test } from 'vitest';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { loadPublicSnapshot } from '../../src/services/public-page/load-public-snapshot.ts';
import { getTimeline, listIncidents } from '../../src/services/queries.ts';
import { rejectDraft } from '../../src/services/draft/reject-draft.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { setComponents } from '../../src/services/incident/set-components.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, dumpAll, harness } from '../support/services.ts';

describe.each(databaseKinds)('public updates and approval on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;

  beforeAll(async () => {
    h = await harness(database.db);
    await declareIncident(h.as('alice'), { title: 'Degraded performance on the BLiP', severity: 2, components: ['CRM'] });
  });

  test('a draft carries the component changes not yet public and asks for a decision', async () => {
    await setComponents(h.as('bob'), { changes: [{ name: 'CRM', state: 'partial_outage' }] });
    const { draft } = await draftPublicUpdate(h.as('bob'), {
      status: 'investigating',
      text: 'We are suffering a degradation in the performance of the BLiP platform.',
    });
    expect(draft).toMatchObject({ number: 1, state: 'pending', authorId: 'console:bob' });
    expect(draft.componentChanges).toEqual([{ name: 'CRM', oldState: 'operational', newState: 'partial_outage' }]);
    expect(h.events.at(-1)).toEqual({ type: 'draft_created', incidentId: 1, draftId: draft.id });
    const snapshot = await loadPublicSnapshot(database.db, h.clock, h.config);
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot.components.find((c) => c.name === 'CRM')!.status).toBe('operational');
  });

  test('only the commander approves; a refusal changes nothing', async () => {
    const before = await dumpAll(database.db);
    await expect(approveDraft(h.as('bob'), {})).rejects.toThrow('Only the commander of INC-1 (alice) can approve D1.');
    await expect(rejectDraft(h.as('mallory'), { draft: 1 })).rejects.toThrow('Only the commander of INC-1 (alice) can reject D1.');
    expect(await dumpAll(database.db)).toBe(before);
  });

  test('approval publishes, moves the public component states and records one delivery per target', async () => {
    h.clock.advance(60_000);
    const result = await approveDraft(h.as('alice'), { incident: 1, draft: 1 });
    expect(result.publication).toMatchObject({ status: 'investigating', impact: 'major', publishedAt: h.clock.now() });
    expect(result.componentChanges).toEqual([{ name: 'CRM', oldState: 'operational', newState: 'partial_outage' }]);
    const deliveries = await database.db.prisma.delivery.findMany();
    expect(deliveries.map((d) => [d.target, d.state, d.idempotencyKey])).toEqual([
      ['status-page', 'pending', `publication-${result.publication.id}-status-page`],
    ]);
    expect(h.events.at(-1)).toEqual({ type: 'publication_created', incidentId: 1, publicationId: result.publication.id });
    const snapshot = await loadPublicSnapshot(database.db, h.clock, h.config);
    expect(snapshot.components.find((c) => c.name === 'CRM')!.status).toBe('partial_outage');
    expect(snapshot.incidents.map((i) => [i.number, i.status, i.impact, i.updates.length, i.components])).toEqual([[1, 'investigating', 'major', 1, ['CRM']]]);
  });

  test('approving twice says who approved when, and changes nothing', async () => {
    const before = await dumpAll(database.db);
    await expect(approveDraft(h.as('alice'), { draft: 1 })).rejects.toThrow('D1 was already approved by alice at 2021-09-15 10:51 GMT-03:00; nothing changed.');
    expect(await dumpAll(database.db)).toBe(before);
  });

  test('two approvals racing for one draft publish it once', async () => {
    await draftPublicUpdate(h.as('bob'), { status: 'identified', text: 'Fault identified: cache disconnection.' });
    const outcomes = await Promise.allSettled([approveDraft(h.as('alice'), { draft: 2 }), approveDraft(h.as('alice'), { draft: 2 })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await database.db.prisma.publication.count({ where: { draft: { number: 2 } } })).toBe(1);
  });

  test('a rejected draft is never published and cannot be approved afterwards', async () => {
    await draftPublicUpdate(h.as('bob'), { status: 'monitoring', text: 'too early' });
    await rejectDraft(h.as('alice'), { reason: 'not fixed yet' });
    await expect(approveDraft(h.as('alice'), { draft: 3 })).rejects.toThrow(/D3 was already rejected by alice/);
    expect(await database.db.prisma.publication.count({ where: { status: 'monitoring' } })).toBe(0);
    const { entries } = await getTimeline(h.as('alice'), {});
    expect(entries.at(-1)!.text).toBe('Public update D3 rejected by alice: not fixed yet');
  });

  test('resolving drafts the resolved update with the components back to operational', async () => {
    const { draft } = await resolveIncident(h.as('alice'), { text: 'The Blip Portal and Blip Desk are working again.' });
    expect(draft).toMatchObject({ status: 'resolved', number: 4 });
    expect(draft.componentChanges).toEqual([{ name: 'CRM', oldState: 'partial_outage', newState: 'operational' }]);
    // Internally resolved but awaiting its public update: still the incident commands act on.
    expect((await listIncidents(h.as('alice'))).map((i) => [i.id, i.status, i.pendingDrafts])).toEqual([[1, 'resolved', 1]]);
    await approveDraft(h.as('alice'), {});
    expect(await listIncidents(h.as('alice'))).toEqual([]);
    const snapshot = await loadPublicSnapshot(database.db, h.clock, h.config);
    expect(snapshot.incidents[0]).toMatchObject({ status: 'resolved', resolvedAt: h.clock.now() });
    expect(snapshot.incidents[0]!.updates.map((u) => u.status)).toEqual(['resolved', 'identified', 'investigating']);
    expect(snapshot.components.every((c) => c.status === 'operational')).toBe(true);
  });

  test('with four-eyes approval the author cannot approve their own draft, a configured approver can', async () => {
    const strict = { ...h, config: { ...h.config, approval: { fourEyes: true, approvers: ['console:erin'] } } };
    const as = (name: string) => ({ ...h.as(name), config: strict.config });
    await declareIncident(as('frank'), { title: 'Analytics delayed', severity: 3 });
    await draftPublicUpdate(as('frank'), { status: 'investigating', text: 'Analytics data is delayed.' });
    await expect(approveDraft(as('frank'), {})).rejects.toThrow('Four-eyes approval is on: you wrote D1, so someone else must approve it.');
    const approved = await approveDraft(as('erin'), {});
    expect(approved.publication.impact).toBe('minor');
  });
});
