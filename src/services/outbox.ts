import type { Database } from '../db/client.ts';

/**
 * The outbox's side of the database: the deliveries approvals recorded, and what became of each.
 * The delivery worker performs them through these and never touches the database itself.
 */
export function createOutbox(db: Database) {
  return {
    /** Pending deliveries, oldest first: the order in which each target must receive them. */
    pending: (limit = 200) => db.prisma.delivery.findMany({ where: { state: 'pending' }, orderBy: { id: 'asc' }, take: limit }),

    delivered: (id: number, at: Date) =>
      db.prisma.delivery.update({
        where: { id },
        data: { state: 'delivered', attempts: { increment: 1 }, deliveredAt: at, lastError: null, nextAttemptAt: null },
      }),

    /** Records a failed attempt; the delivery stays pending until `retryAt`. */
    attemptFailed: (id: number, error: string, retryAt: Date) =>
      db.prisma.delivery.update({
        where: { id },
        data: { attempts: { increment: 1 }, lastError: error.slice(0, 1000), nextAttemptAt: retryAt },
      }),

    /** Gives up on a delivery that can never succeed. */
    abandoned: (id: number, error: string) =>
      db.prisma.delivery.update({ where: { id }, data: { state: 'failed', lastError: error.slice(0, 1000) } }),
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
