import type { Database } from '../src/db/client.ts';

/** Resolves once no customer-channel delivery is left undelivered. */
export async function channelDeliveriesDone(db: Database): Promise<void> {
  for (;;) {
    const pending = await db.prisma.delivery.count({ where: { target: { startsWith: 'channel:' }, state: { not: 'delivered' } } });
    if (pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How the attempts ended, and why the retried ones were retried (the channel's name left out). */
export async function attemptSummary(db: Database, channelName: RegExp) {
  const attempts = await db.prisma.deliveryAttempt.groupBy({ by: ['outcome'], _count: true });
  const reasons = await db.prisma.deliveryAttempt.groupBy({ by: ['error'], where: { outcome: 'retry' }, _count: true });
  return {
    attempts: Object.fromEntries(attempts.map((a) => [a.outcome, a._count])),
    retries: reasons.reduce<Record<string, number>>((sum, r) => {
      const reason = r.error?.replace(channelName, '') ?? '';
      sum[reason] = (sum[reason] ?? 0) + r._count;
      return sum;
    }, {}),
  };
}
