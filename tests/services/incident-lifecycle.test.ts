import { beforeAll, describe, expect, test } from 'vitest';
import { addNote } from '../../src/services/incident/add-note.ts';
import { changeCommander } from '../../src/services/incident/change-commander.ts';
import { changeSeverity } from '../../src/services/incident/change-severity.ts';
import { changeStatus } from '../../src/services/incident/change-status.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { getTimeline, listIncidents } from '../../src/services/queries.ts';
import { setComponents } from '../../src/services/incident/set-components.ts';
import { setImpact } from '../../src/services/incident/set-impact.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, dumpAll, harness } from '../support/services.ts';

describe.each(databaseKinds)('incident lifecycle on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;

  beforeAll(async () => {
    h = await harness(database.db);
  });

  test('declaring makes the declarer commander and starts the timeline at sequence 1', async () => {
    const incident = await declareIncident(h.as('alice'), { title: 'Smart Contacts not exchanging messages', severity: 2, components: ['crm', 'Core'] });
    expect(incident).toMatchObject({
      id: 1,
      status: 'investigating',
      severity: 2,
      commanderId: 'console:alice',
      commanderName: 'alice',
      components: ['CRM', 'Core'],
    });
    expect(incident.declaredAt.toISOString()).toBe('2021-09-15T13:50:00.000Z');
    const { entries } = await getTimeline(h.as('bob'), { incident: 1 });
    expect(entries.map((e) => [e.seq, e.kind, e.actorName])).toEqual([[1, 'declared', 'alice']]);
    const audit = await database.db.prisma.auditLog.findMany({ where: { incidentId: 1 } });
    expect(audit.map((a) => [a.action, a.actorId, a.platform])).toEqual([['declared', 'console:alice', 'console']]);
    expect(h.events).toContainEqual({ type: 'incident_declared', incidentId: 1 });
  });

  test('an unknown component is refused by name and nothing is stored', async () => {
    const before = await dumpAll(database.db);
    await expect(declareIncident(h.as('alice'), { title: 'x', components: ['Billing'] })).rejects.toThrow(/Unknown component "Billing". Components: CRM, Core/);
    expect(await dumpAll(database.db)).toBe(before);
  });

  test('the timeline follows the sequence even when the clock steps backwards', async () => {
    h.clock.advance(10 * 60_000);
    await addNote(h.as('bob'), { text: 'cache disconnected' });
    h.clock.advance(-30 * 60_000);
    await addNote(h.as('carol'), { incident: 1, text: 'clock went back, order must not' });
    const { entries } = await getTimeline(h.as('bob'), { incident: 1 });
    expect(entries.map((e) => e.text).slice(1)).toEqual(['cache disconnected', 'clock went back, order must not']);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[2]!.occurredAt.getTime()).toBeLessThan(entries[1]!.occurredAt.getTime());
    h.clock.advance(40 * 60_000);
  });

  test('status moves forward, refuses staying put, and a resolved incident reopens', async () => {
    expect((await changeStatus(h.as('alice'), { status: 'identified' })).transition).toBe('advance');
    await expect(changeStatus(h.as('alice'), { status: 'identified' })).rejects.toThrow('INC-1 is already identified.');
    expect((await changeStatus(h.as('alice'), { status: 'resolved' })).incident.resolvedAt).not.toBeNull();
    const reopened = await changeStatus(h.as('alice'), { incident: 1, status: 'investigating' });
    expect(reopened.transition).toBe('reopen');
    expect(reopened.incident.resolvedAt).toBeNull();
    const { entries } = await getTimeline(h.as('alice'), { incident: 1 });
    expect(entries.at(-1)!.kind).toBe('reopened');
  });

  test('severity, commander, components and impact are recorded on the timeline', async () => {
    h.clock.set(new Date('2021-09-15T18:00:00Z'));
    await changeSeverity(h.as('alice'), { severity: 1 });
    await expect(changeSeverity(h.as('alice'), { severity: 1 })).rejects.toThrow('already SEV1');
    await changeCommander(h.as('bob'), { user: { id: 'carol', name: 'carol' } });
    const components = await setComponents(h.as('carol'), {
      changes: [
        { name: 'CRM', state: 'major_outage' },
        { name: 'portal', state: 'degraded_performance' },
      ],
    });
    expect(components.pending).toEqual([
      { name: 'CRM', oldState: 'operational', newState: 'major_outage' },
      { name: 'Portal', oldState: 'operational', newState: 'degraded_performance' },
    ]);
    const impact = await setImpact(h.as('carol'), { text: '2021-09-15 10:50 12:30' });
    // Bare times are read in the page's zone (America/Sao_Paulo, -03:00).
    expect(impact.incident.impactStart!.toISOString()).toBe('2021-09-15T13:50:00.000Z');
    expect(impact.incident.impactEnd!.toISOString()).toBe('2021-09-15T15:30:00.000Z');
    const incident = await database.db.prisma.incident.findUniqueOrThrow({ where: { id: 1 } });
    expect(incident).toMatchObject({ severity: 1, commanderId: 'console:carol', commanderName: 'carol' });
    const kinds = (await getTimeline(h.as('alice'), {})).entries.map((e) => e.kind);
    expect(kinds.slice(-4)).toEqual(['severity', 'commander', 'components', 'impact']);
  });

  test('an impact window that ends before it starts is refused', async () => {
    const before = await dumpAll(database.db);
    await expect(setImpact(h.as('carol'), { text: '2021-09-15 12:30 2021-09-15 10:50' })).rejects.toThrow(/before/);
    expect(await dumpAll(database.db)).toBe(before);
  });

  test('with several open incidents the id is required; with one it may be left out', async () => {
    await declareIncident(h.as('dave'), { title: 'Desk tickets not distributed' });
    await expect(addNote(h.as('dave'), { text: 'which one?' })).rejects.toThrow(/Several incidents are open \(INC-1, INC-2\)/);
    await expect(addNote(h.as('dave'), { incident: 99, text: 'x' })).rejects.toThrow('INC-99 does not exist.');
    expect((await listIncidents(h.as('dave'))).map((i) => i.id)).toEqual([1, 2]);
    // Inside a crisis room the room's incident is meant.
    expect((await addNote(h.as('dave', { roomIncidentId: 2 }), { text: 'in the room' })).incident.id).toBe(2);
  });

  test('a clock that cannot be trusted refuses every change', async () => {
    const before = await dumpAll(database.db);
    const untrusted = { ...h.as('alice'), clock: { now: () => h.clock.now(), trust: () => ({ trusted: false as const, reason: 'offset 3600 s' }) } };
    await expect(addNote(untrusted, { incident: 1, text: 'x' })).rejects.toThrow(/clock cannot be trusted right now \(offset 3600 s\)/);
    expect(await dumpAll(database.db)).toBe(before);
  });

  test('the audit log cannot be changed or deleted, even by direct queries', async () => {
    await expect(database.db.prisma.auditLog.updateMany({ data: { action: 'forged' } })).rejects.toThrow();
    await expect(database.db.prisma.auditLog.deleteMany({})).rejects.toThrow();
    expect(await database.db.prisma.auditLog.count({ where: { action: 'forged' } })).toBe(0);
  });

  test('data survives closing and reopening the database', async () => {
    await database.reopen();
    h = await harness(database.db, {}, h.clock.now());
    expect((await listIncidents(h.as('x'))).map((i) => i.title)).toEqual(['Smart Contacts not exchanging messages', 'Desk tickets not distributed']);
  });
});
