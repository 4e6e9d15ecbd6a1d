import type { Database } from '../../db/client.ts';
import type { Clock } from '../../time/clock.ts';
import { incidentMetrics } from './incident-metrics.ts';

/** What each scrape of /metrics measures: the incidents of the last 90 days, at most the newest 5,000, so a scrape costs the same however long the history. */
const scrapeWindow = { days: 90, newest: 5000 } as const;

/**
 * The figures /metrics serves, read at scrape time: every incident counted by severity and status
 * (one grouped count), and the measures of the window's incidents.
 */
export async function scrapeFigures(services: { db: Database; clock: Pick<Clock, 'now'> }) {
  const [grouped, metrics] = await Promise.all([
    services.db.prisma.incident.groupBy({ by: ['severity', 'status'], _count: { _all: true }, orderBy: [{ severity: 'asc' }, { status: 'asc' }] }),
    // The zone only places months, which Prometheus does not show.
    incidentMetrics(services, { sinceMs: scrapeWindow.days * 86_400_000, zone: 'UTC', newest: scrapeWindow.newest }),
  ]);
  return {
    counts: grouped.map((row) => ({ severity: row.severity, status: row.status, count: row._count._all })),
    measured: metrics.incidents,
  };
}
