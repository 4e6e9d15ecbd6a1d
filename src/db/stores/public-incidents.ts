import { type Impact, IncidentStatus } from '../../domain/incident.ts';
import type { PublicIncident, PublicUpdate } from '../../domain/public-page/snapshot.ts';
import { versionsFromRows } from '../../domain/report.ts';
import { parseComponentChanges } from '../../domain/publication.ts';
import { type PublicRelationRows, publicRelatedFrom, publicRelationsSelect } from './public-related.ts';

/** A report's sections, each in one language. */
const reportSectionSelect = { lang: true, section: true, text: true } as const;

/** The columns a published update is read with. */
const publicUpdateSelect = { id: true, kind: true, status: true, body: true, impact: true, publishedAt: true, affectedComponents: true } as const;

/**
 * Incidents the public knows of: at least one published update. A report alone does not count, so
 * every public incident has the latest update its status comes from.
 */
export const publishedIncidentFilter = { publications: { some: { kind: 'update' } } } as const;

/** The columns and relations publicIncidentFrom reads, for `select:` in any incident query. */
export const publicIncidentSelect = {
  id: true,
  title: true,
  declaredAt: true,
  impactStart: true,
  impactEnd: true,
  components: { select: { componentName: true } },
  ...publicRelationsSelect,
  publications: { orderBy: { id: 'desc' }, select: { ...publicUpdateSelect, draft: { select: { reportSections: { select: reportSectionSelect } } } } },
} as const;

interface PublicationRow {
  id: number;
  /** "update", or "report" for the incident report. */
  kind: string;
  status: string;
  body: string;
  impact: string;
  publishedAt: Date;
  affectedComponents: string;
  /** An incident report's sections per language; none for an update, or a report written as one text. */
  draft: { reportSections: { lang: string; section: string; text: string }[] };
}

export interface PublicIncidentRow extends PublicRelationRows {
  id: number;
  title: string;
  declaredAt: Date;
  impactStart: Date | null;
  impactEnd: Date | null;
  components: { componentName: string }[];
  /** Newest first; at least one update (see publishedIncidentFilter). */
  publications: PublicationRow[];
}

function publicUpdateFrom(publication: PublicationRow): PublicUpdate {
  return {
    id: publication.id,
    status: IncidentStatus.parse(publication.status),
    body: publication.body,
    publishedAt: publication.publishedAt,
    affectedComponents: parseComponentChanges(publication.affectedComponents).map((change) => ({
      name: change.name,
      oldStatus: change.oldState,
      newStatus: change.newState,
    })),
  };
}

/**
 * An incident as the public sees it: only what was published (statuses, bodies, impact and component
 * changes come from publications). The snapshot's incidents have the same shape, field for field.
 */
export function publicIncidentFrom(incident: PublicIncidentRow, pageOrder: readonly string[]): PublicIncident {
  const rows = incident.publications.filter((publication) => publication.kind !== 'report');
  // Newest first, so a second approved report replaces the first.
  const report = incident.publications.find((publication) => publication.kind === 'report');
  const updates = rows.map(publicUpdateFrom);
  const latest = updates[0]!;
  const first = updates[updates.length - 1]!;
  const named = new Set([...incident.components.map((c) => c.componentName), ...updates.flatMap((u) => u.affectedComponents.map((c) => c.name))]);
  const monitoring = updates.filter((update) => update.status === 'monitoring').at(-1);
  return {
    number: incident.id,
    title: incident.title,
    status: latest.status,
    impact: rows[0]!.impact as Impact,
    createdAt: first.publishedAt,
    // Publishing the report changes what the public sees of the incident, as an update does.
    updatedAt: report && report.publishedAt > latest.publishedAt ? report.publishedAt : latest.publishedAt,
    startedAt: incident.impactStart ?? incident.declaredAt,
    impactStart: incident.impactStart,
    impactEnd: incident.impactEnd,
    monitoringAt: monitoring?.publishedAt ?? null,
    resolvedAt: latest.status === 'resolved' ? latest.publishedAt : null,
    components: pageOrder.filter((name) => named.has(name)),
    updates,
    related: publicRelatedFrom(incident),
    report: report ? { body: report.body, publishedAt: report.publishedAt, sections: versionsFromRows(report.draft.reportSections) } : null,
  };
}

/** The snapshot's order: by first publication, newest first, then by number. */
export function newestFirst(a: PublicIncident, b: PublicIncident): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || b.number - a.number;
}
