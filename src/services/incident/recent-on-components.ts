import type { Tx } from '../../db/client.ts';

/** How far back a newly declared incident is compared with earlier ones. */
const lookBackMs = 30 * 24 * 60 * 60 * 1000;
/** A declare reply names at most this many: the newest are the likeliest recurrences. */
const suggestionLimit = 5;

/**
 * Incidents declared in the 30 days before `now` (the verified clock's) that named one of these
 * components, newest first: what a newly declared incident may be a recurrence of.
 */
export async function recentOnComponents(tx: Tx, incident: number, components: readonly string[], now: Date) {
  if (components.length === 0) return [];
  return tx.incident.findMany({
    where: {
      id: { not: incident },
      declaredAt: { gte: new Date(now.getTime() - lookBackMs), lte: now },
      components: { some: { componentName: { in: [...components] } } },
    },
    orderBy: [{ declaredAt: 'desc' }, { id: 'desc' }],
    take: suggestionLimit,
    select: { id: true, title: true, declaredAt: true },
  });
}
