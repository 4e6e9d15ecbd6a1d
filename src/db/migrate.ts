import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import pg from 'pg';
import type { Provider } from './client.ts';

/**
 * How long an SQLite connection waits for another one's write to end before giving up: a server's
 * own connections, and the operator tools beside it, take turns instead of failing at once.
 */
export const sqliteBusyTimeoutMs = 5000;

const migrationsRoot = fileURLToPath(new URL('../../prisma/', import.meta.url));

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** A raw connection: just enough SQL to apply migrations before Prisma is opened. */
interface Raw {
  exec(sql: string): Promise<void>;
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

// Prisma's own bookkeeping table, so a database migrated here stays usable by `prisma migrate deploy`.
const bookkeeping: Record<Provider, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};

export const recordedMigrationsQuery = 'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL';

/** Why a recorded migration must stop start-up, or null when the record matches the file. */
export function recordProblem(migration: Migration, row: Record<string, unknown>): string | null {
  if (row.checksum !== migration.checksum) return `migration ${migration.name} was changed after it was applied to this database`;
  if (row.finished_at === null) return `migration ${migration.name} failed earlier; repair the database first`;
  return null;
}

export async function readMigrations(provider: Provider): Promise<Migration[]> {
  const dir = `${migrationsRoot}${provider}/migrations/`;
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      if (!/^[\w-]+$/.test(name)) throw new Error(`migration folder name "${name}" may hold only letters, digits, _ and -`);
      const sql = await readFile(`${dir}${name}/migration.sql`, 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/** `timeoutMs` bounds the PostgreSQL connection attempt (pg waits for the operating system's own by default). */
export async function connect(provider: Provider, url: string, timeoutMs?: number): Promise<Raw> {
  if (provider === 'sqlite') {
    const client = createClient({ url, timeout: sqliteBusyTimeoutMs });
    return {
      exec: async (sql) => void (await client.executeMultiple(sql)),
      query: async (sql) => (await client.execute(sql)).rows as never,
      close: async () => client.close(),
    };
  }
  const client = new pg.Client({ connectionString: url, ...(timeoutMs === undefined ? {} : { connectionTimeoutMillis: timeoutMs }) });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async (sql) => (await client.query(sql)).rows,
    close: () => client.end(),
  };
}

/**
 * Applies, in name order, every migration of `prisma/<provider>/migrations` that the database has not
 * recorded. A recorded migration whose file has changed since stops start-up: the schema would drift.
 * On PostgreSQL an advisory lock keeps replicas starting together from migrating twice. Each record is
 * dated `now()`, the caller's clock (the server's, checked against its references first), not the
 * database's CURRENT_TIMESTAMP: on SQLite that is this machine's clock, unchecked.
 */
export async function applyMigrations(provider: Provider, url: string, now: () => Date): Promise<string[]> {
  const migrations = await readMigrations(provider);
  const raw = await connect(provider, url);
  try {
    if (provider === 'postgresql') await raw.exec('SELECT pg_advisory_lock(7243100)');
    // Write-ahead logging, kept in the file once set: the operator tools (export-site, doctor,
    // repair-timestamps) read the database while the server writes it, and neither waits on the other.
    if (provider === 'sqlite') await raw.exec('PRAGMA journal_mode=WAL');
    await raw.exec(bookkeeping[provider]);
    const rows = await raw.query(recordedMigrationsQuery);
    const applied = new Map(rows.map((row) => [String(row.migration_name), row]));
    const done: string[] = [];
    for (const migration of migrations) {
      const row = applied.get(migration.name);
      if (row) {
        const problem = recordProblem(migration, row);
        if (problem) throw new Error(problem);
        continue;
      }
      // The migration and its bookkeeping row land together: a crash leaves neither. It runs as one
      // statement batch, so it is recorded as started and finished at one instant.
      const at = now().toISOString();
      await raw.exec(
        `BEGIN;\n${migration.sql}\n;INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ('${randomUUID()}', '${migration.checksum}', '${migration.name}', '${at}', '${at}', 1);\nCOMMIT;`,
      );
      done.push(migration.name);
    }
    return done;
  } finally {
    if (provider === 'postgresql') await raw.exec('SELECT pg_advisory_unlock(7243100)').catch(() => {});
    await raw.close();
  }
}
