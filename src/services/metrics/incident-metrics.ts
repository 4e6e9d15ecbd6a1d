import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { CrisisError } from '../../domain/errors.ts';
import { type IncidentMeasures, measureIncident } from '../../domain/metrics.ts';
import { type MetricsSummary, summarize } from '../../domain/metrics-summary.ts';
import type { Clock } from '../../time/clock.ts';
import { parseInput } from '../lookup.ts';
import { incidentRecords } from './read-incidents.ts';

export const MetricsQuery = z.object({
  /** How far back from now, in milliseconds (SinceSpan reads it as typed); all of history without it. */
  sinceMs: z.number().positive().optional(),
  /** Only the incidents on this component, named as configured (any case). */
  component: z.string().trim().min(1).optional(),
  /** Where months begin and end: the reader's zone. */
  zone: z.string().min(1),
  /** At most this many incidents, the newest: what /metrics reads at each scrape. */
  newest: z.int().positive().optional(),
});

export interface IncidentMetrics {
  now: Date;
  since: Date | null;
  component: string | null;
  zone: string;
  incidents: IncidentMeasures[];
  summary: MetricsSummary;
}

async function componentNamed(db: Database, name: string, known: readonly string[]): Promise<string> {
  const match = known.find((component) => component.toLowerCase() === name.toLowerCase());
  if (match) return match;
  // A component no longer configured still names its incidents.
  const former = await db.prisma.incidentComponent.findFirst({ where: { componentName: name }, select: { componentName: true } });
  if (former) return former.componentName;
  throw new CrisisError('invalid_input', `Unknown component "${name}". Components: ${known.join(', ') || 'none configured'}.`);
}

/** The id after which the newest `count` incidents begin, so that a scrape reads a bounded number of them. */
async function newestFrom(db: Database, count: number | undefined): Promise<number> {
  if (count === undefined) return 0;
  const [edge] = await db.prisma.incident.findMany({ orderBy: { id: 'desc' }, skip: count, take: 1, select: { id: true } });
  return edge?.id ?? 0;
}

/** Every incident's measures and their summary, from the record as it stands at the clock's now. A read: nothing is written. */
export async function incidentMetrics(services: { db: Database; clock: Pick<Clock, 'now'> }, query: z.input<typeof MetricsQuery>): Promise<IncidentMetrics> {
  const { sinceMs, component: named, zone, newest } = parseInput(MetricsQuery, query);
  const { db, clock } = services;
  const now = clock.now();
  const since = sinceMs === undefined ? null : new Date(now.getTime() - sinceMs);
  const order = (await db.prisma.component.findMany({ orderBy: { position: 'asc' }, select: { name: true } })).map((row) => row.name);
  const component = named === undefined ? null : await componentNamed(db, named, order);
  const incidents: IncidentMeasures[] = [];
  for await (const page of incidentRecords(db, { since, component, afterId: await newestFrom(db, newest) })) {
    for (const record of page) incidents.push(measureIncident(record, now));
  }
  return { now, since, component, zone, incidents, summary: summarize(incidents, zone, order) };
}
