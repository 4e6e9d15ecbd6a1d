import type { Provider } from './client.ts';
import { connect, readMigrations, recordProblem, recordedMigrationsQuery } from './migrate.ts';

/** What the next start would do to this database, found without changing it. */
export interface MigrationState {
  /** Recorded and matching their files. */
  applied: string[];
  /** In the migration folders, not recorded yet: the next start applies them. */
  pending: string[];
  /** Recorded migrations the next start refuses: changed since applied, or failed. */
  problems: string[];
  /** Recorded by the database but absent from the folders (migrated by a newer crisisroom?). */
  unknown: string[];
}

const bookkeepingExists: Record<Provider, string> = {
  sqlite: `SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`,
  postgresql: `SELECT to_regclass('"_prisma_migrations"') AS name WHERE to_regclass('"_prisma_migrations"') IS NOT NULL`,
};

/**
 * Reads Prisma's `_prisma_migrations` and compares it with `prisma/<provider>/migrations`, as
 * applyMigrations does at start-up, but only reads: no table is created and nothing is applied.
 * Throws when the database cannot be reached.
 */
export async function readMigrationState(provider: Provider, url: string, timeoutMs = 5000): Promise<MigrationState> {
  const migrations = await readMigrations(provider);
  const raw = await connect(provider, url, timeoutMs);
  try {
    const recorded = (await raw.query(bookkeepingExists[provider])).length > 0 ? await raw.query(recordedMigrationsQuery) : [];
    const rows = new Map(recorded.map((row) => [String(row.migration_name), row]));
    const state: MigrationState = { applied: [], pending: [], problems: [], unknown: [] };
    for (const migration of migrations) {
      const row = rows.get(migration.name);
      const problem = row ? recordProblem(migration, row) : null;
      if (!row) state.pending.push(migration.name);
      else if (problem) state.problems.push(problem);
      else state.applied.push(migration.name);
    }
    const known = new Set(migrations.map((migration) => migration.name));
    state.unknown = [...rows.keys()].filter((name) => !known.has(name)).sort();
    return state;
  } finally {
    await raw.close();
  }
}
