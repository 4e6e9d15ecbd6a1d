import type { Database } from '../../db/client.ts';
import { IncidentStatus } from '../../domain/incident.ts';
import type { IncidentRecord, Reached } from '../../domain/metrics.ts';

/** Incidents read per page: 100,000 of them are measured without holding their rows at once. */
const pageSize = 2000;

export interface RecordFilter {
  since: Date | null;
  component: string | null;
  /** Only incidents with a greater id: the newest ones. */
  afterId: number;
}

/**
 * The status a timeline entry moved the incident to. change-status.ts writes it at the end of the
 * entry's text ("INC-3 status investigating → identified", "INC-3 reopened as monitoring"); a text
 * that does not say is no status change.
 */
function statusOf(kind: string, text: string): IncidentStatus | null {
  if (kind === 'resolved') return 'resolved';
  const said = /(?:→|reopened as) (\w+)$/.exec(text)?.[1];
  const status = IncidentStatus.safeParse(said);
  return status.success ? status.data : null;
}

function byIncident<T extends { incidentId: number }>(rows: readonly T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.incidentId);
    if (list) list.push(row);
    else grouped.set(row.incidentId, [row]);
  }
  return grouped;
}

/** The records of the incidents the filter takes, oldest first, a page at a time. */
export async function* incidentRecords(db: Database, filter: RecordFilter): AsyncGenerator<IncidentRecord[]> {
  const p = db.prisma;
  let after = filter.afterId;
  for (;;) {
    const incidents = await p.incident.findMany({
      where: {
        id: { gt: after },
        ...(filter.since ? { declaredAt: { gte: filter.since } } : {}),
        ...(filter.component ? { components: { some: { componentName: filter.component } } } : {}),
      },
      orderBy: { id: 'asc' },
      take: pageSize,
      select: { id: true, severity: true, status: true, declaredAt: true, impactStart: true, impactEnd: true },
    });
    if (incidents.length === 0) return;
    const range = { gte: incidents[0]!.id, lte: incidents.at(-1)!.id };
    const [components, entries, publications] = await Promise.all([
      p.incidentComponent.findMany({ where: { incidentId: range }, select: { incidentId: true, componentName: true } }),
      p.timelineEntry.findMany({
        where: { incidentId: range, kind: { in: ['status', 'reopened', 'resolved'] } },
        orderBy: [{ incidentId: 'asc' }, { seq: 'asc' }],
        select: { incidentId: true, kind: true, text: true, occurredAt: true, recordedAt: true },
      }),
      p.publication.findMany({
        where: { incidentId: range, kind: 'update' },
        orderBy: { id: 'asc' },
        select: { incidentId: true, status: true, publishedAt: true },
      }),
    ]);
    const componentsOf = byIncident(components);
    const entriesOf = byIncident(entries);
    const updatesOf = byIncident(publications);
    yield incidents.map((incident) => ({
      ...incident,
      components: (componentsOf.get(incident.id) ?? []).map((row) => row.componentName).sort(),
      changes: (entriesOf.get(incident.id) ?? []).flatMap((entry): Reached[] => {
        const status = statusOf(entry.kind, entry.text);
        return status ? [{ status, at: entry.occurredAt, recordedAt: entry.recordedAt }] : [];
      }),
      updates: (updatesOf.get(incident.id) ?? []).flatMap((row): Reached[] => {
        const status = IncidentStatus.safeParse(row.status);
        return status.success ? [{ status: status.data, at: row.publishedAt, recordedAt: row.publishedAt }] : [];
      }),
    }));
    after = incidents.at(-1)!.id;
  }
}
