import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { systemClock } from '../../src/time/clock.ts';

/**
 * The databases every service suite runs on. SQLite always; PostgreSQL at CRISISROOM_TEST_POSTGRES_URL
 * (default 127.0.0.1:5432). CI must have PostgreSQL; elsewhere its pass is skipped with the reason printed.
 */
export const postgresAdminUrl = process.env.CRISISROOM_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** `npm run test:fast` runs the service suites on SQLite alone: the quick answer, not the whole one. */
const sqliteOnly = process.env.CRISISROOM_TEST_DATABASES === 'sqlite';
const unreachable = sqliteOnly ? 'CRISISROOM_TEST_DATABASES=sqlite (npm run test:fast) asks for SQLite alone' : await postgresReachable();
if (unreachable) {
  if (process.env.CI) throw new Error(`PostgreSQL at ${postgresAdminUrl} is required in CI but unreachable: ${unreachable}`);
  console.warn(`SKIPPED: the PostgreSQL pass (${postgresAdminUrl} unreachable: ${unreachable}); set CRISISROOM_TEST_POSTGRES_URL to run it.`);
}

export const databaseKinds: ('sqlite' | 'postgresql')[] = unreachable ? ['sqlite'] : ['sqlite', 'postgresql'];

export interface TestDatabase {
  url: string;
  open(): Promise<Database>;
  /** Drops the database (PostgreSQL) once the suite is done. */
  dispose(): Promise<void>;
}

/** A fresh, empty database of one kind for one suite: suites never share or wipe each other's data. */
export async function freshDatabase(kind: 'sqlite' | 'postgresql'): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const url = `file:${join(mkdtempSync(join(tmpdir(), 'crisisroom-')), 'test.db')}`;
    return { url, open: () => openDatabase(url, systemClock), dispose: async () => {} };
  }
  const name = `crisisroom_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    open: () => openDatabase(url.toString(), systemClock),
    dispose: async () => {
      const client = new pg.Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Gives a describe block its own fresh database of one kind, opened before its tests and dropped
 * after them. `reopen` closes and reopens it, as a restart would.
 */
export function useDatabase(kind: 'sqlite' | 'postgresql') {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await freshDatabase(kind);
    db = await testDb.open();
  });
  afterAll(async () => {
    await db.close();
    await testDb.dispose();
  });
  return {
    get db(): Database {
      return db;
    },
    async reopen(): Promise<Database> {
      await db.close();
      db = await testDb.open();
      return db;
    },
    /** A second connection to the same database, as another process would hold; the caller closes it. */
    reopenExtra: (): Promise<Database> => testDb.open(),
  };
}
