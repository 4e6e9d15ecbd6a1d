import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient as SqliteClient } from '../../prisma/generated/sqlite/client.ts';
import { PrismaClient as PostgresClient } from '../../prisma/generated/postgresql/client.ts';
import type { Clock } from '../time/clock.ts';
import { applyMigrations, sqliteBusyTimeoutMs } from './migrate.ts';
import { yieldingBetweenQueries } from './yielding-sqlite.ts';

/**
 * Both generated clients have the same models and the same query API; the services are typed
 * against the SQLite one, and the shared test suite runs every service on both databases.
 */
export type Db = SqliteClient;
export type Tx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
export type Provider = 'sqlite' | 'postgresql';
/** The rows the stores hand out, as the models define them. */
export type {
  ChannelSubscription,
  ChannelThread,
  ChatRoom,
  Delivery,
  DeliveryAttempt,
  DraftCard,
  EmailSubscriber,
  Incident,
  IncidentComponent,
  Job,
  Publication,
  PublicDraft,
} from '../../prisma/generated/sqlite/client.ts';

/** Pieces for raw SQL written for both providers (the `$queryRaw` tag escapes the values). */
export const sql = { raw: Prisma.raw, empty: Prisma.empty, fragment: Prisma.sql };

export interface Database {
  readonly provider: Provider;
  readonly prisma: Db;
  /** Runs `work` in one transaction: everything it writes lands together or not at all. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function providerOf(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgresql';
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${url.split(':')[0]}:…")`);
}

/** Opens the database at `url`, applying any migration it has not seen yet, recorded as applied at `clock.now()`. */
export async function openDatabase(url: string, clock: Pick<Clock, 'now'>): Promise<Database> {
  await applyMigrations(providerOf(url), url, () => clock.now());
  return connectDatabase(url);
}

/** The database at `url` as it is, changing nothing (`crisisroom doctor` inspects it): connects on first use. */
export function connectDatabase(url: string): Database {
  const provider = providerOf(url);
  const prisma =
    provider === 'sqlite'
      ? new SqliteClient({ adapter: yieldingBetweenQueries(new PrismaLibSql({ url, timeout: sqliteBusyTimeoutMs })) })
      : (new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db);
  return {
    provider,
    prisma,
    transaction: (work) => prisma.$transaction((tx) => work(tx), { timeout: 15_000, maxWait: 15_000 }),
    ping: async () => {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    close: () => prisma.$disconnect(),
  };
}
