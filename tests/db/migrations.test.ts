import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { describe, expect, test } from 'vitest';
import { postgresSchemaFrom } from '../../prisma/schema-source.ts';
import { openDatabase, providerOf } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { root } from '../support/processes.ts';
import { manualClock } from '../../src/time/clock.ts';

describe('schemas and migrations', () => {
  test('the PostgreSQL schema is exactly the one derived from the SQLite schema', () => {
    const sqlite = readFileSync(join(root, 'prisma/sqlite/schema.prisma'), 'utf8');
    expect(readFileSync(join(root, 'prisma/postgresql/schema.prisma'), 'utf8')).toBe(postgresSchemaFrom(sqlite));
    expect(postgresSchemaFrom(sqlite)).toContain('provider = "postgresql"');
  });

  test('both providers have the same migrations, in the same order', () => {
    const names = (provider: string) => readdirSync(join(root, 'prisma', provider, 'migrations')).sort();
    expect(names('sqlite')).toEqual(names('postgresql'));
    expect(names('sqlite').length).toBeGreaterThan(0);
  });

  test("migrations are applied once, recorded as Prisma records them at the given clock's time, and a changed one stops start-up", async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), 'crisisroom-')), 'm.db')}`;
    // Not the machine's time: the record must be dated by the clock it is given, never by SQLite's own.
    const clock = manualClock(new Date('2021-09-15T13:50:00.123Z'));
    const first = await applyMigrations('sqlite', url, () => clock.now());
    expect(first).toEqual(readdirSync(join(root, 'prisma/sqlite/migrations')).sort());
    expect(await applyMigrations('sqlite', url, () => clock.now())).toEqual([]);

    const client = createClient({ url });
    const rows = await client.execute('SELECT migration_name, length(checksum) AS len, started_at, finished_at FROM _prisma_migrations');
    expect(rows.rows.map((r) => [r.migration_name, r.len, r.started_at, r.finished_at])).toEqual(
      first.map((name) => [name, 64, '2021-09-15T13:50:00.123Z', '2021-09-15T13:50:00.123Z']),
    );
    await client.execute(`UPDATE _prisma_migrations SET checksum = 'tampered' WHERE migration_name = '${first[0]}'`);
    client.close();
    await expect(openDatabase(url, clock)).rejects.toThrow(`migration ${first[0]} was changed after it was applied to this database`);
  });

  test('the database URL chooses the provider, and anything else is refused clearly', () => {
    expect(providerOf('file:./data/crisisroom.db')).toBe('sqlite');
    expect(providerOf('postgresql://u@h/db')).toBe('postgresql');
    expect(providerOf('postgres://u@h/db')).toBe('postgresql');
    expect(() => providerOf('mysql://u@h/db')).toThrow('DATABASE_URL must start with file: or postgresql:// (got "mysql:…")');
  });
});
