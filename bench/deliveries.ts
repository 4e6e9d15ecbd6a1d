import { median } from './stats.ts';
import type { Database } from '../src/db/client.ts';

/** Resolves once no customer-channel delivery (and, with 'parent:', no edit of a channel's post) is left undelivered. */
export async function channelDeliveriesDone(db: Database, targets: readonly string[] = ['channel:']): Promise<void> {
  for (;;) {
    const pending = await db.prisma.delivery.count({
      where: { OR: targets.map((prefix) => ({ target: { startsWith: prefix } })), state: { not: 'delivered' } },
    });
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

/** How many channels got none of crisisroom's posts, and how many posts were one too many. */
export async function missingAndDuplicated(channels: number, postsIn: (channel: number) => Promise<number>) {
  let missing = 0;
  let duplicated = 0;
  for (let i = 0; i < channels; i++) {
    const ours = await postsIn(i);
    if (ours === 0) missing += 1;
    duplicated += Math.max(0, ours - 1);
  }
  return { missing, duplicated };
}

export interface FanoutRound {
  seconds: number;
  /** The second update's: from its approval until what it is measured by was delivered. */
  secondSeconds: number;
  attempts: Record<string, number>;
  retries: Record<string, number>;
  missing: number;
  duplicated: number;
  /** What else the round has to say, e.g. the platform's refusals. */
  note?: string;
}

/**
 * Prints a fan-out benchmark's rounds and, for each of its two updates, the median against the
 * lower bound of the platform's rate: every call counts against it, and half the failures happen
 * before the call took effect, so even a client that never wastes a call needs calls / (1 -
 * failureRate / 2) of them on average. `second` says which calls per channel the second update is
 * measured by: a reply, or a reply and the edit of the channel's post where both share the rate.
 */
export function reportFanout(
  results: FanoutRound[],
  setup: { what: string; channels: number; rate: number; failureRate: number; second: { what: string; callsPerChannel: number } },
) {
  console.log(`${setup.what}, ${setup.failureRate * 100}% of posts failing transiently; ${results.length} round(s)`);
  for (const r of results) {
    console.log(
      `  round: ${r.seconds.toFixed(2)} s, then ${r.secondSeconds.toFixed(2)} s, attempts ${JSON.stringify(r.attempts)}, retried because ${JSON.stringify(r.retries)}${r.note ? `, ${r.note}` : ''}, missing ${r.missing}, duplicated ${r.duplicated}`,
    );
  }
  const against = (what: string, seconds: number, callsPerChannel: number) => {
    const calls = (setup.channels * callsPerChannel) / (1 - setup.failureRate / 2);
    const lowerBound = calls / setup.rate;
    console.log(
      `  ${what}: median ${seconds.toFixed(2)} s against the lower bound ${lowerBound.toFixed(2)} s (${Math.round(calls)} calls at ${setup.rate}/s): ×${(seconds / lowerBound).toFixed(2)} (target ≤ ×1.05)`,
    );
  };
  against('first update', median(results.map((r) => r.seconds)), 1);
  against(`second update (${setup.second.what})`, median(results.map((r) => r.secondSeconds)), setup.second.callsPerChannel);
  console.log(`  lost ${results.reduce((s, r) => s + r.missing, 0)}, duplicated ${results.reduce((s, r) => s + r.duplicated, 0)} (target 0 and 0)`);
}
