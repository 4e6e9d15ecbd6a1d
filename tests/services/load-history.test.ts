import { beforeAll, describe, expect, test } from 'vitest';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { loadHistoryPage, loadPublicIncident } from '../../src/services/public-page/load-history.ts';
import { loadPublicSnapshot } from '../../src/services/public-page/load-public-snapshot.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { setComponents } from '../../src/services/incident/set-components.ts';
import { setImpact } from '../../src/services/incident/set-impact.ts';
import type { PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

const minute = 60_000;

describe.each(databaseKinds)('public history and uptime on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  let snapshot: PublicSnapshot;

  beforeAll(async () => {
    h = await harness(database.db);
    const alice = h.as('alice');
    // INC-1: CRM partially out from 10:50 to 12:38 (São Paulo), its first update only out at 11:00.
    await declareIncident(alice, { title: 'Degraded performance', severity: 2, components: ['CRM'] });
    await setComponents(alice, { incident: 1, changes: [{ name: 'CRM', state: 'partial_outage' }] });
    await draftPublicUpdate(alice, { incident: 1, status: 'investigating', text: 'Messages are slow.' });
    h.clock.advance(10 * minute);
    await approveDraft(alice, { incident: 1 });
    h.clock.set(new Date('2021-09-15T15:38:00Z'));
    await setImpact(alice, { incident: 1, text: '2021-09-15 10:50 12:38' });
    await resolveIncident(alice, { incident: 1, text: 'Messages flow normally again.' });
    await approveDraft(alice, { incident: 1 });
    // INC-2 to INC-27, one published update each; INC-28 is never published.
    for (let n = 2; n <= 27; n++) {
      h.clock.advance(minute);
      await declareIncident(alice, { title: `Incident ${n}`, components: ['Portal'] });
      await draftPublicUpdate(alice, { incident: n, status: 'investigating', text: `Looking into incident ${n}.` });
      await approveDraft(alice, { incident: n });
    }
    await declareIncident(alice, { title: 'Not public yet', severity: 1, components: ['Core'] });
    await setComponents(alice, { incident: 28, changes: [{ name: 'Core', state: 'major_outage' }] });
    await setImpact(alice, { incident: 28, text: '2021-09-15 11:00' });
    h.clock.advance(10 * minute);
    snapshot = await loadPublicSnapshot(database.db, h.clock, h.config);
  });

  test('an incident read on its own is exactly the snapshot incident', async () => {
    for (const number of [1, 2, 27]) {
      expect(await loadPublicIncident(database.db, h.config, number)).toEqual(snapshot.incidents.find((i) => i.number === number));
    }
    const first = await loadPublicIncident(database.db, h.config, 1);
    expect(first).toMatchObject({ status: 'resolved', components: ['CRM'], impactStart: new Date('2021-09-15T13:50:00Z') });
    expect(first!.updates.map((u) => u.status)).toEqual(['resolved', 'investigating']);
  });

  test('unpublished, missing and impossible incidents are null', async () => {
    for (const number of [28, 29, 0, -1, 2 ** 31, 1.5]) expect(await loadPublicIncident(database.db, h.config, number)).toBeNull();
  });

  test('history pages hold 25 published incidents, newest first, and say whether more follow', async () => {
    const first = await loadHistoryPage(database.db, h.clock, h.config, 1);
    expect(first.incidents.map((i) => i.number)).toEqual(Array.from({ length: 25 }, (_, i) => 27 - i));
    expect(first.hasNext).toBe(true);
    expect(first.loadedAt).toEqual(h.clock.now());
    const second = await loadHistoryPage(database.db, h.clock, h.config, 2);
    expect(second.incidents.map((i) => i.number)).toEqual([2, 1]);
    expect(second.hasNext).toBe(false);
    expect(second.incidents[1]).toEqual(snapshot.incidents.find((i) => i.number === 1));
    expect((await loadHistoryPage(database.db, h.clock, h.config, 3)).incidents).toEqual([]);
    await expect(loadHistoryPage(database.db, h.clock, h.config, 0)).rejects.toThrow(RangeError);
  });

  test('the uptime bars: the impact window reaches back before the first update', () => {
    const crm = snapshot.uptime.find((c) => c.name === 'CRM')!;
    expect(crm.days).toHaveLength(90);
    expect(crm.days.at(-1)).toEqual({
      date: '2021-09-15',
      worst: 'partial_outage',
      durations: { major_outage: 0, partial_outage: 108 * minute, degraded_performance: 0, under_maintenance: 0 },
      incidents: [{ number: 1, title: 'Degraded performance' }],
    });
    // The components were created when the harness started: earlier days have no data.
    expect(crm.days.at(-2)!.worst).toBeNull();
    const measured = h.clock.now().getTime() - new Date('2021-09-15T13:50:00Z').getTime();
    expect(crm.uptime).toBeCloseTo(1 - (0.3 * 108 * minute) / measured, 12);
  });

  test('nothing unpublished reaches the bars', () => {
    const core = snapshot.uptime.find((c) => c.name === 'Core')!;
    expect(core.days.at(-1)).toMatchObject({ worst: 'operational', incidents: [] });
    expect(snapshot.uptime.map((c) => c.name)).toEqual(snapshot.components.map((c) => c.name));
  });
});
