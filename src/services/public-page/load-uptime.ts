import type { Database } from '../../db/client.ts';
import type { ComponentState } from '../../domain/component.ts';
import { computeUptime, uptimeDays, type ComponentUptime, type UptimeIncident } from '../../domain/public-page/uptime.ts';
import { daysEnding } from '../../time/days.ts';
import { parseComponentChanges } from '../../domain/publication.ts';

/** What the bars need of an update: bodies stay out of a query that may return thousands of rows. */
const updateColumns = { id: true, status: true, publishedAt: true, affectedComponents: true } as const;
const incidentColumns = { id: true, title: true, impactStart: true, impactEnd: true, components: { select: { componentName: true } } } as const;

interface UpdateRow {
  id: number;
  status: string;
  publishedAt: Date;
  affectedComponents: string;
}

interface IncidentRow {
  id: number;
  title: string;
  impactStart: Date | null;
  impactEnd: Date | null;
  components: { componentName: string }[];
}

/**
 * The uptime bars of the snapshot, read with two queries bounded by the window however long the history:
 * the component changes published inside it (through the publishedAt index) with their incidents'
 * titles, and the incidents whose customer-impact window reaches into it (with all their updates, whose
 * states the window extends). Nothing older is read: the state before the window is what its first
 * change replaced.
 */
export async function loadUptime(
  db: Database,
  now: Date,
  zone: string,
  components: readonly { name: string; status: ComponentState; createdAt: Date }[],
  days = uptimeDays,
): Promise<ComponentUptime[]> {
  const from = daysEnding(now, zone, days)[0]!.start;
  const [recent, impacted] = await Promise.all([
    // Updates that changed no component say nothing about the bars. Their incidents' impact windows are
    // left to the second query, which holds every window that reaches into the bars, with all its updates.
    db.prisma.publication.findMany({
      where: { publishedAt: { gte: from }, affectedComponents: { not: '[]' } },
      select: { ...updateColumns, incident: { select: { id: true, title: true } } },
    }),
    // Unpublished incidents are dropped below, by their empty list of updates: a "has a publication"
    // filter here would cost a join over every publication.
    db.prisma.incident.findMany({
      where: {
        impactStart: { lt: now },
        // An impact left open ends with the incident: one resolved before the window cannot reach into it.
        OR: [{ impactEnd: { gt: from } }, { impactEnd: null, OR: [{ status: { not: 'resolved' } }, { resolvedAt: { gt: from } }] }],
      },
      select: { ...incidentColumns, publications: { select: updateColumns } },
    }),
  ]);

  const incidents = new Map<number, { row: IncidentRow; updates: Map<number, UpdateRow> }>();
  const entry = (row: IncidentRow) => {
    let found = incidents.get(row.id);
    if (!found) {
      found = { row, updates: new Map() };
      incidents.set(row.id, found);
    }
    return found;
  };
  for (const { publications, ...incident } of impacted) {
    if (publications.length === 0) continue;
    const found = entry(incident);
    for (const publication of publications) found.updates.set(publication.id, publication);
  }
  for (const { incident, ...publication } of recent) {
    entry({ ...incident, impactStart: null, impactEnd: null, components: [] }).updates.set(publication.id, publication);
  }

  const input = [...incidents.values()].map(({ row, updates }): UptimeIncident => {
    const published = [...updates.values()].sort((a, b) => b.id - a.id);
    const latest = published[0];
    return {
      number: row.id,
      title: row.title,
      impactStart: row.impactStart,
      impactEnd: row.impactEnd,
      resolvedAt: latest?.status === 'resolved' ? latest.publishedAt : null,
      components: row.components.map((component) => component.componentName),
      updates: published.map((update) => ({
        id: update.id,
        publishedAt: update.publishedAt,
        affectedComponents: parseComponentChanges(update.affectedComponents).map((change) => ({
          name: change.name,
          oldStatus: change.oldState,
          newStatus: change.newState,
        })),
      })),
    };
  });
  return computeUptime({ now, zone, days, components, incidents: input });
}
