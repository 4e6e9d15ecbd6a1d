import pg from 'pg';
import { createClient } from '@libsql/client';
import { describe, expect, test } from 'vitest';
import { checkDatabase } from '../../../src/cli/doctor/database-check.ts';
import { inspectDatabase } from '../../../src/services/inspect-database.ts';
import { databaseKinds, freshDatabase } from '../../support/databases.ts';

/** Raw SQL on the test database, as an operator's tampering would be. */
async function execute(url: string, sql: string): Promise<void> {
  if (url.startsWith('file:')) {
    const client = createClient({ url });
    await client.execute(sql);
    client.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql);
  await client.end();
}

async function doctorLines(url: string) {
  const inspection = await inspectDatabase(url);
  if (inspection.state === 'reachable') await inspection.database.close();
  return checkDatabase(inspection, url).map((line) => `${line.level} ${line.detail}`);
}

describe.each(databaseKinds)('the database check on %s', (kind) => {
  test('applied, pending, changed and unknown migrations, as the next start would find them', async () => {
    const testDb = await freshDatabase(kind);
    try {
      await (await testDb.open()).close();
      const healthy = await doctorLines(testDb.url);
      expect(healthy[0]).toMatch(/^pass (SQLite|PostgreSQL) \S+ reachable$/);
      expect(healthy[1]).toMatch(/^pass all \d+ migrations applied \(latest \d{14}_\w+\)$/);

      await execute(testDb.url, `DELETE FROM "_prisma_migrations" WHERE migration_name = '20261125194838_incident_reports'`);
      await execute(testDb.url, `UPDATE "_prisma_migrations" SET checksum = 'tampered' WHERE migration_name = '20261125000000_init'`);
      await execute(
        testDb.url,
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('x', 'y', '20991231000000_from_the_future', CURRENT_TIMESTAMP, 1)`,
      );
      const lines = await doctorLines(testDb.url);
      expect(lines.slice(1)).toEqual([
        'fail migration 20261125000000_init was changed after it was applied to this database (the server refuses to start)',
        expect.stringMatching(/^warn 1 of \d+ migrations pending, applied at the next start: 20261125194838_incident_reports$/),
        'warn migrations recorded by the database but unknown to this version (a newer crisisroom migrated it?): 20991231000000_from_the_future',
      ]);
      // Read only: the pending migration is still pending.
      expect((await doctorLines(testDb.url)).slice(1)).toEqual(lines.slice(1));
    } finally {
      await testDb.dispose();
    }
  });
});
