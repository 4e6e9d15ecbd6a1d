import { beforeAll, describe, expect, test } from 'vitest';
import { applyRepairs } from '../../../src/services/repair-timestamps/apply-repairs.ts';
import { type Finding, planRepairs } from '../../../src/services/repair-timestamps/plan-repairs.ts';
import { readStamps } from '../../../src/services/repair-timestamps/read-stamps.ts';
import { databaseKinds, useDatabase } from '../../support/databases.ts';
import { type SkewedIncident, seedSkewedIncident } from './seed.ts';

const start = new Date('2021-09-15T13:50:00Z');
const now = new Date('2021-09-15T14:50:00Z');
const brief = (f: Finding) =>
  `${f.table} #${f.id} ${f.field}: ${f.problems.join(', ')} ${f.stored.toISOString()} -> ${f.proposed?.toISOString() ?? '-'} (${f.witness})`;

describe.each(databaseKinds)('repair-timestamps on %s', (kind) => {
  const database = useDatabase(kind);
  let seeded: SkewedIncident;
  const scan = async () => planRepairs(await readStamps(database.db.prisma), { now: now.getTime(), toleranceMs: 60_000 });
  const entryId = async (seq: number) => (await database.db.prisma.timelineEntry.findUniqueOrThrow({ where: { incidentId_seq: { incidentId: 1, seq } } })).id;

  beforeAll(async () => {
    seeded = await seedSkewedIncident(database.db, start);
  });

  test('finds exactly the rows stamped a year ahead and the one out of order, each with its witness', async () => {
    const { at } = seeded;
    const p = database.db.prisma;
    const [e2, e3, e5, e6] = await Promise.all([2, 3, 5, 6].map(entryId));
    const yearAhead = (await p.auditLog.findMany({ where: { at: { gt: now } }, orderBy: { id: 'asc' } })).map((row) => ({ id: row.id, at: row.at }));
    expect(yearAhead.length).toBeGreaterThanOrEqual(2);
    const crm = await p.component.findUniqueOrThrow({ where: { name: 'CRM' } });
    const [delivery] = await p.delivery.findMany({ orderBy: { id: 'asc' }, take: 1 });
    const e5Recorded = `TimelineEntry #${e5} recordedAt`;
    const iso = (d: Date) => d.toISOString();
    const expected = [
      `TimelineEntry #${e2} recordedAt: future ${iso(at(1, true))} -> ${iso(at(1))} (calendar shift -1 year)`,
      `TimelineEntry #${e3} recordedAt: out of order ${iso(at(-10))} -> ${iso(new Date(at(1).getTime() + 1))} (just after TimelineEntry #${e2} recordedAt)`,
      `TimelineEntry #${e5} recordedAt: future ${iso(at(4, true))} -> ${iso(at(4))} (calendar shift -1 year)`,
      `TimelineEntry #${e6} recordedAt: future ${iso(at(5, true))} -> ${iso(at(5))} (calendar shift -1 year)`,
      `TimelineEntry #${e2} occurredAt: future ${iso(at(1, true))} -> ${iso(at(1))} (written with TimelineEntry #${e2} recordedAt)`,
      `TimelineEntry #${e5} occurredAt: future ${iso(at(4, true))} -> ${iso(at(4))} (written with ${e5Recorded})`,
      `TimelineEntry #${e6} occurredAt: future ${iso(at(5, true))} -> ${iso(at(4.5))} (Slack message ts (permalink))`,
      `Publication #1 publishedAt: future ${iso(at(4, true))} -> ${iso(at(4))} (written with ${e5Recorded})`,
      `PublicDraft #1 decidedAt: future ${iso(at(4, true))} -> ${iso(at(4))} (written with ${e5Recorded})`,
      `Delivery #${delivery!.id} createdAt: future ${iso(at(4, true))} -> ${iso(at(4))} (written with ${e5Recorded})`,
      `Component #${crm.id} updatedAt: future ${iso(at(4, true))} -> ${iso(at(4))} (written with ${e5Recorded})`,
      ...yearAhead.map(({ id, at: stored }) => {
        const fixed = stored.getTime() === at(4, true).getTime() ? at(4) : at(5);
        const twin = stored.getTime() === at(4, true).getTime() ? e5Recorded : `TimelineEntry #${e6} recordedAt`;
        return `AuditLog #${id} at: future ${iso(stored)} -> ${iso(fixed)} (written with ${twin})`;
      }),
    ];
    expect((await scan()).map(brief)).toEqual(expected);
  });

  test('judged years later, when the year-ahead stamps are no longer in the future, the same corrections are proposed', async () => {
    const later = planRepairs(await readStamps(database.db.prisma), { now: new Date('2026-01-01T00:00:00Z').getTime(), toleranceMs: 60_000 });
    const proposals = (findings: Finding[]) => findings.map((f) => `${f.table} #${f.id} ${f.field} -> ${f.proposed?.toISOString()}`).sort();
    expect(proposals(later)).toEqual(proposals(await scan()));
    expect(later.filter((f) => f.table === 'Publication').map((f) => f.problems)).toEqual([['same clock reading as TimelineEntry #5 recordedAt']]);
  });

  test('--apply fixes them, writes one audit row per change with old and new, and a second run finds nothing', async () => {
    const { at } = seeded;
    const p = database.db.prisma;
    const findings = await scan();
    const auditBefore = await p.auditLog.count();
    const result = await applyRepairs(database.db, findings, now);
    expect([result.repaired.length, result.skipped.length]).toEqual([findings.length, 0]);
    const written = await p.auditLog.findMany({ where: { action: 'timestamp_repaired' }, orderBy: { id: 'asc' } });
    expect(await p.auditLog.count()).toBe(auditBefore + findings.length);
    expect(written.map((row) => [row.at.toISOString(), row.actorId, JSON.parse(row.detail)])).toEqual(
      findings.map((f) => [
        now.toISOString(),
        'system:repair-timestamps',
        { table: f.table, id: f.id, field: f.field, old: f.stored.toISOString(), new: f.proposed!.toISOString(), witness: f.witness },
      ]),
    );
    const entries = await p.timelineEntry.findMany({ where: { incidentId: 1 }, orderBy: { seq: 'asc' } });
    expect(entries.map((e) => e.recordedAt.toISOString())).toEqual(
      [at(0), at(1), new Date(at(1).getTime() + 1), at(3), at(4), at(5), at(6), at(7), at(8)].map((d) => d.toISOString()),
    );
    expect((await p.publication.findUniqueOrThrow({ where: { id: 1 } })).publishedAt).toEqual(at(4));
    expect(await scan()).toEqual([]);
    const again = await applyRepairs(database.db, await scan(), now);
    expect([again.repaired.length, await p.auditLog.count()]).toEqual([0, auditBefore + findings.length]);
  });

  test('a row changed between the scan and the write is left alone', async () => {
    const p = database.db.prisma;
    const e7 = await entryId(7);
    await p.timelineEntry.update({ where: { id: e7 }, data: { recordedAt: new Date('2022-09-15T13:56:00Z') } });
    const findings = await scan();
    expect(findings.map((f) => [f.id, f.field])).toEqual([[e7, 'recordedAt']]);
    await p.timelineEntry.update({ where: { id: e7 }, data: { recordedAt: new Date('2022-09-15T13:56:30Z') } });
    const result = await applyRepairs(database.db, findings, now);
    expect([result.repaired.length, result.skipped.length]).toEqual([0, 1]);
    expect((await p.timelineEntry.findUniqueOrThrow({ where: { id: e7 } })).recordedAt).toEqual(new Date('2022-09-15T13:56:30Z'));
    await applyRepairs(database.db, await scan(), now);
    expect(await scan()).toEqual([]);
  });
});
