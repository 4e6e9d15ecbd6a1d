import { claimOldestPerGroup, releaseDeadClaims } from '../claims.ts';
import type { Claim, WorkStore } from '../../domain/work.ts';
import type { Database, Delivery, DeliveryAttempt, Tx } from '../client.ts';

/** How one attempt at a delivery ended, as kept in the attempt log. */
type AttemptOutcome = 'delivered' | 'already-delivered' | 'retry' | 'failed';

/** The deliveries' side of the database, as the delivery worker (and `/incident deliveries`) sees it. */
export interface Outbox extends WorkStore<Delivery> {
  /** Every attempt at a delivery, oldest first. */
  attemptsOf(deliveryId: number): Promise<DeliveryAttempt[]>;
}

/**
 * The outbox's side of the database: the deliveries approvals recorded, who is working on each,
 * and what became of every attempt. The delivery worker goes through these and never touches the
 * database itself.
 */
export function createOutbox(db: Database, hooks: { abandonedIn?(tx: Tx, deliveryId: number): Promise<unknown> } = {}): Outbox {
  const p = db.prisma;

  /** Ends a claim, writing the attempt to the log; a process whose lease was taken over changes nothing. */
  async function finish(
    id: number,
    worker: string,
    attempt: { at: Date; outcome: AttemptOutcome; error?: string; durationMs: number },
    data: Record<string, unknown>,
  ): Promise<boolean> {
    return db.transaction(async (tx) => {
      const { count } = await tx.delivery.updateMany({ where: { id, claimedBy: worker }, data: { ...data, claimedBy: null, claimedUntil: null } });
      if (count === 0) return false;
      await tx.deliveryAttempt.create({
        data: {
          deliveryId: id,
          at: attempt.at,
          worker,
          outcome: attempt.outcome,
          error: attempt.error?.slice(0, 1000) ?? null,
          durationMs: Math.round(attempt.durationMs),
        },
      });
      // What must follow a delivery given up (telling its crisis room) is recorded with it.
      if (attempt.outcome === 'failed') await hooks.abandonedIn?.(tx, id);
      return true;
    });
  }

  return {
    /** Claims deliveries: of each target only its oldest pending one (see db/claims.ts). */
    claim: async (claim: Claim) => {
      const ids = await claimOldestPerGroup(db, 'Delivery', claim);
      if (ids.length === 0) return [];
      return p.delivery.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
    },

    /** Frees what a dead predecessor of this process held (see db/claims.ts). */
    releaseDeadClaims: (replica: string, self: string) => releaseDeadClaims(db, 'Delivery', replica, self),

    /** Keeps the claims of a process alive while it is still working on them. */
    renew: (ids: number[], worker: string, leaseUntil: Date) =>
      p.delivery.updateMany({ where: { id: { in: ids }, claimedBy: worker, state: 'pending' }, data: { claimedUntil: leaseUntil } }),

    /** When the next pending delivery becomes due (a retry time), if any: the worker sleeps until then. */
    nextDue: async (now: Date) => {
      const next = await p.delivery.findFirst({
        where: { state: 'pending', nextAttemptAt: { gt: now } },
        orderBy: { nextAttemptAt: 'asc' },
        select: { nextAttemptAt: true },
      });
      return next?.nextAttemptAt ?? null;
    },

    succeeded: (id: number, worker: string, at: Date, outcome: 'delivered' | 'already-delivered', durationMs: number) =>
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
