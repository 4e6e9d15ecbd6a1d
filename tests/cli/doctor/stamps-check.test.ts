import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkStamps } from '../../../src/cli/doctor/stamps-check.ts';
import { applyRepairs } from '../../../src/services/repair-timestamps/apply-repairs.ts';
import { scanStamps } from '../../../src/services/repair-timestamps/session.ts';
import { inspectDatabase } from '../../../src/services/inspect-database.ts';
import { seedSkewedIncident } from '../../services/repair-timestamps/seed.ts';
import { freshDatabase } from '../../support/databases.ts';

const start = new Date('2021-09-15T13:50:00Z');
const now = new Date('2021-09-15T14:50:00Z');

async function stampLines(url: string, at: Date) {
  const inspection = await inspectDatabase(url);
  try {
    return (await checkStamps(inspection, at)).map((line) => `${line.level} ${line.detail}`);
  } finally {
    if (inspection.state === 'reachable') await inspection.database.close();
  }
}

describe('the doctor on instants a wrong clock left', () => {
  test('FAILs while rows are dated in the future or out of order, pointing to repair-timestamps; PASSes once they are repaired', async () => {
    const testDb = await freshDatabase('sqlite');
    const db = await testDb.open();
    try {
      await seedSkewedIncident(db, start);
      expect(await stampLines(testDb.url, now)).toEqual([
        expect.stringMatching(
          /^fail \d+ findings \(\d+ future, 1 out of order, 0 inconsistent with a related time\): \d+ repairable, 0 without a witness: `crisisroom repair-timestamps` lists them, and corrects them with --apply$/,
        ),
      ]);
      await applyRepairs(db, await scanStamps(db, { now, toleranceMs: 60_000 }), now);
      expect(await stampLines(testDb.url, now)).toEqual([`pass none later than now (${now.toISOString()}) or out of order`]);
    } finally {
      await db.close();
    }
  });

  test('says nothing of a database it cannot judge yet: missing, or with migrations pending', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisisroom-'));
    expect(await stampLines(`file:${join(dir, 'missing.db')}`, now)).toEqual([]);
    // An empty file is an SQLite database with no table: every migration is pending.
    writeFileSync(join(dir, 'empty.db'), '');
    expect(await stampLines(`file:${join(dir, 'empty.db')}`, now)).toEqual([]);
  });
});
