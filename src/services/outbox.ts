import { type Database, sql } from '../db/client.ts';

/** How one attempt at a delivery ended, as kept in the attempt log. */
export type AttemptOutcome = 'delivered' | 'already-delivered' | 'retry' | 'failed';

export interface Claim {
  worker: string;
  now: Date;
  leaseUntil: Date;
  limit: number;
}

/**
 * The outbox's side of the database: the deliveries approvals recorded, who is working on each,
 * and what became of every attempt. The delivery worker goes through these and never touches the
 * database itself.
 */
export function createOutbox(db: Database) {
  const p = db.prisma;
  // On PostgreSQL several processes claim at once: rows another one is claiming are skipped, not waited for.
  const skipLocked = db.provider === 'postgresql' ? sql.raw('FOR UPDATE SKIP LOCKED') : sql.empty;

  /** Ends a claim, writing the attempt to the log; a process whose lease was taken over changes nothing. */
  async function finish(id: number, worker: string, attempt: { at: Date; outcome: AttemptOutcome; error?: string; durationMs: number }, data: Record<string, unknown>): Promise<boolean> {
    return db.transaction(async (tx) => {
      const { count } = await tx.delivery.updateMany({ where: { id, claimedBy: worker }, data: { ...data, claimedBy: null, claimedUntil: null } });
      if (count === 0) return false;
      await tx.deliveryAttempt.create({
        data: { deliveryId: id, at: attempt.at, worker, outcome: attempt.outcome, error: attempt.error?.slice(0, 1000) ?? null, durationMs: Math.round(attempt.durationMs) },
      });
      return true;
    });
  }

  return {
    /**
     * Claims up to `limit` deliveries for `worker` until `leaseUntil`: for each target only its oldest
     * pending delivery, and only when nobody holds a live lease on it and its retry time has come.
     * So update n+1 of a target is never started before update n is done, on any process.
     * Each claim counts as an attempt, so a process killed mid-send still leaves its trace.
     */
    claim: async ({ worker, now, leaseUntil, limit }: Claim) => {
      const claimed = await p.$queryRaw<{ id: number }[]>`
        UPDATE "Delivery" SET "claimedBy" = ${worker}, "claimedUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
        WHERE "id" IN (
          SELECT d."id" FROM "Delivery" d
          WHERE d."state" = 'pending'
            AND (d."claimedUntil" IS NULL OR d."claimedUntil" < ${now})
            AND (d."nextAttemptAt" IS NULL OR d."nextAttemptAt" <= ${now})
            AND NOT EXISTS (SELECT 1 FROM "Delivery" e WHERE e."target" = d."target" AND e."state" = 'pending' AND e."id" < d."id")
          ORDER BY d."id" LIMIT ${limit} ${skipLocked})
        RETURNING "id"`;
      if (claimed.length === 0) return [];
      return p.delivery.findMany({ where: { id: { in: claimed.map((row) => Number(row.id)) } }, orderBy: { id: 'asc' } });
    },

    /**
     * Frees the claims a dead predecessor of this process left: on SQLite every claim (one process
     * serves a data directory, so any other claimant is gone), on PostgreSQL those of this replica's
     * earlier processes (a replica's data directory admits one process too). Their deliveries are
     * taken up again at once, instead of when their leases run out; `attempts` stays, so the target
     * looks on the platform first for what the dead process may have sent.
     */
    releaseDeadClaims: async (replica: string, self: string): Promise<number> => {
      const earlier = db.provider === 'sqlite' ? {} : { startsWith: `${replica}/` };
      const { count } = await p.delivery.updateMany({
        where: { state: 'pending', claimedBy: { ...earlier, not: self } },
        data: { claimedBy: null, claimedUntil: null },
      });
      return count;
    },

    /** Keeps the claims of a process alive while it is still working on them. */
    renew: (ids: number[], worker: string, leaseUntil: Date) =>
      p.delivery.updateMany({ where: { id: { in: ids }, claimedBy: worker, state: 'pending' }, data: { claimedUntil: leaseUntil } }),

    /** When the next pending delivery becomes due (a retry time), if any: the worker sleeps until then. */
    nextDue: async (now: Date) => {
      const next = await p.delivery.findFirst({ where: { state: 'pending', nextAttemptAt: { gt: now } }, orderBy: { nextAttemptAt: 'asc' }, select: { nextAttemptAt: true } });
      return next?.nextAttemptAt ?? null;
    },

    delivered: (id: number, worker: string, at: Date, outcome: 'delivered' | 'already-delivered', durationMs: number) =>
      finish(id, worker, { at, outcome, durationMs }, { state: 'delivered', deliveredAt: at, lastError: null, nextAttemptAt: null }),

    /** Records a failed attempt; the delivery stays pending until `retryAt`. */
    attemptFailed: (id: number, worker: string, at: Date, error: string, retryAt: Date, durationMs: number) =>
      finish(id, worker, { at, outcome: 'retry', error, durationMs }, { lastError: error.slice(0, 1000), nextAttemptAt: retryAt }),

    /** Gives up on a delivery that can never succeed. */
    abandoned: (id: number, worker: string, at: Date, error: string, durationMs: number) =>
      finish(id, worker, { at, outcome: 'failed', error, durationMs }, { state: 'failed', lastError: error.slice(0, 1000) }),

    attemptsOf: (deliveryId: number) => p.deliveryAttempt.findMany({ where: { deliveryId }, orderBy: { id: 'asc' } }),
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
