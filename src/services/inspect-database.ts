import { existsSync } from 'node:fs';
import { type Database, type Provider, connectDatabase, providerOf } from '../db/client.ts';
import { type MigrationState, readMigrationState } from '../db/migration-state.ts';

interface Where {
  provider: Provider;
  /** The SQLite file, null on PostgreSQL. */
  file: string | null;
}

/** The configured database as `crisisroom doctor` finds it, read without changing anything. */
export type DatabaseInspection =
  | (Where & { state: 'missing' })
  | (Where & { state: 'unreachable'; error: unknown })
  | (Where & { state: 'reachable'; migrations: MigrationState; database: Database });

/**
 * Opening a missing SQLite file would create it, and opening any database through `openDatabase`
 * migrates it; the doctor must leave both as they are, so it reads the migration records directly.
 */
export async function inspectDatabase(url: string): Promise<DatabaseInspection> {
  const provider = providerOf(url);
  const file = provider === 'sqlite' ? url.slice('file:'.length).split('?', 1)[0]! : null;
  const where = { provider, file };
  if (file !== null && !existsSync(file)) return { ...where, state: 'missing' };
  try {
    const migrations = await readMigrationState(provider, url);
    return { ...where, state: 'reachable', migrations, database: connectDatabase(url) };
  } catch (error) {
    return { ...where, state: 'unreachable', error };
  }
}
