// Leased claims on rows of work (the outbox's deliveries, the jobs): one implementation for both
// tables, on SQLite and PostgreSQL alike.
import type { Claim } from '../domain/work.ts';
import { type Database, sql } from './client.ts';

/** The tables that hold leased work, and the column whose rows go one at a time, in id order. */
const ordered = { Delivery: 'target', Job: 'queue' } as const;
export type WorkTable = keyof typeof ordered;

/**
 * Claims up to `limit` rows of `table` for `worker` until `leaseUntil`: of each group (a delivery's
 * target, a job's queue) only its oldest pending row, and only when nobody holds a live lease on it
 * and its retry time has come. So row n+1 of a group is never started before row n is done, on any
 * process. Each claim counts as an attempt, so a process killed mid-work still leaves its trace.
 */
export async function claimOldestPerGroup(db: Database, table: WorkTable, { worker, now, leaseUntil, limit }: Claim): Promise<number[]> {
  const name = sql.raw(`"${table}"`);
  const group = sql.raw(`"${ordered[table]}"`);
  // On PostgreSQL several processes claim at once: rows another one is claiming are skipped, not waited for.
  const skipLocked = db.provider === 'postgresql' ? sql.raw('FOR UPDATE SKIP LOCKED') : sql.empty;
  const claimed = await db.prisma.$queryRaw<{ id: number }[]>`
    UPDATE ${name} SET "claimedBy" = ${worker}, "claimedUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT d."id" FROM ${name} d
      WHERE d."state" = 'pending'
        AND (d."claimedUntil" IS NULL OR d."claimedUntil" < ${now})
        AND (d."nextAttemptAt" IS NULL OR d."nextAttemptAt" <= ${now})
        AND NOT EXISTS (SELECT 1 FROM ${name} e WHERE e.${group} = d.${group} AND e."state" = 'pending' AND e."id" < d."id")
      ORDER BY d."id" LIMIT ${limit} ${skipLocked})
    RETURNING "id"`;
  return claimed.map((row) => Number(row.id));
}

/**
 * Frees the claims a dead predecessor of this process left: on SQLite every claim (one process
 * serves a data directory, so any other claimant is gone), on PostgreSQL those of this replica's
 * earlier processes (a replica's data directory admits one process too). Their work is taken up
 * again at once, instead of when the leases run out; `attempts` stays, so the work looks on the
 * platform first for what the dead process may have done.
 */
export async function releaseDeadClaims(db: Database, table: WorkTable, replica: string, self: string): Promise<number> {
  const name = sql.raw(`"${table}"`);
  const earlier = db.provider === 'sqlite' ? sql.empty : sql.fragment` AND substr("claimedBy", 1, ${replica.length + 1}) = ${`${replica}/`}`;
  return db.prisma.$executeRaw`
    UPDATE ${name} SET "claimedBy" = NULL, "claimedUntil" = NULL
    WHERE "state" = 'pending' AND "claimedBy" IS NOT NULL AND "claimedBy" <> ${self}${earlier}`;
}
