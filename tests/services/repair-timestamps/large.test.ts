import { describe, expect, test } from 'vitest';
import { applyRepairs } from '../../../src/services/repair-timestamps/apply-repairs.ts';
import { planRepairs } from '../../../src/services/repair-timestamps/plan-repairs.ts';
import { readStamps } from '../../../src/services/repair-timestamps/read-stamps.ts';
import { declareIncident } from '../../../src/services/incident/declare-incident.ts';
import { databaseKinds, useDatabase } from '../../support/databases.ts';
import { harness } from '../../support/services.ts';

const entries = 20_000;
const start = new Date('2021-09-15T00:00:00Z');
const now = new Date('2021-09-16T00:00:00Z');

describe.each(databaseKinds)(`repair-timestamps over ${entries} timeline entries on %s`, (kind) => {
  const database = useDatabase(kind);

  test('one entry in a hundred a year ahead: found, repaired and clean on the second run in reasonable time', async () => {
    const h = await harness(database.db, {}, start);
    await declareIncident(h.as('alice'), { title: 'Degraded performance on the BLiP', severity: 2, components: [] });
    const yearAhead = (seq: number) => seq % 100 === 50;
    const rows = Array.from({ length: entries }, (_, i) => {
      const seq = i + 2;
      const recorded = new Date(start.getTime() + seq * 2000);
      if (yearAhead(seq)) recorded.setUTCFullYear(2022);
      return {
        incidentId: 1,
        seq,
        kind: 'note',
        text: `note ${seq}`,
        actorId: 'console:bob',
        actorName: 'bob',
        platform: 'console',
        occurredAt: recorded,
        recordedAt: recorded,
      };
    });
    for (let i = 0; i < rows.length; i += 5000) await database.db.prisma.timelineEntry.createMany({ data: rows.slice(i, i + 5000) });
    await database.db.prisma.incident.update({ where: { id: 1 }, data: { nextSeq: entries + 2, updatedAt: rows.at(-1)!.recordedAt } });

    const began = performance.now();
    const progress: number[] = [];
    const findings = planRepairs(await readStamps(database.db.prisma, ({ done }) => progress.push(done)), { now: now.getTime(), toleranceMs: 60_000 });
    const scanned = performance.now();
    const result = await applyRepairs(database.db, findings, now);
    const applied = performance.now();
    const again = planRepairs(await readStamps(database.db.prisma), { now: now.getTime(), toleranceMs: 60_000 });
    const rescanned = performance.now();
    console.log(
      `repair-timestamps on ${kind}, ${entries} entries, ${findings.length} findings: scan ${Math.round(scanned - began)} ms, apply ${Math.round(applied - scanned)} ms, rescan ${Math.round(rescanned - applied)} ms`,
    );

    const bad = rows.filter((row) => yearAhead(row.seq)).length;
    expect(findings.length).toBe(bad * 2);
    expect(findings.every((f) => f.witness === 'calendar shift -1 year' || f.witness.startsWith('written with'))).toBe(true);
    expect(progress.at(-1)).toBeGreaterThan(entries);
    expect(progress.every((done, i) => i === 0 || done >= progress[i - 1]!)).toBe(true);
    expect([result.repaired.length, again.length]).toEqual([bad * 2, 0]);
    const sample = await database.db.prisma.timelineEntry.findUniqueOrThrow({ where: { incidentId_seq: { incidentId: 1, seq: 150 } } });
    expect(sample.recordedAt).toEqual(new Date(start.getTime() + 150 * 2000));
    expect(rescanned - began).toBeLessThan(120_000);
  }, 180_000);
});
