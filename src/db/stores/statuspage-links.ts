import type { Database } from '../client.ts';
import type { ComponentChange } from '../../domain/component.ts';
import { IncidentStatus, incidentId } from '../../domain/incident.ts';
import { parseComponentChanges } from '../../domain/publication.ts';

/** A publication to mirror on Atlassian Statuspage, with what it needs from its incident. */
export interface StatuspagePublication {
  incident: { id: number; ref: string; title: string };
  publication: { id: number; kind: 'report' | 'update'; status: IncidentStatus; body: string; impact: string; componentChanges: ComponentChange[] };
  /** The components shown with the incident: those it was declared with and any an update (up to this one) changed. */
  componentNames: string[];
  /** The Statuspage incident that mirrors ours, once there is one. */
  externalId: string | null;
}

export interface StatuspageLinks {
  load(publicationId: number): Promise<StatuspagePublication>;
  recordLink(incidentId: number, externalId: string): Promise<unknown>;
}

/**
 * What the Atlassian Statuspage target reads and writes in the database: the publication to mirror,
 * and which Statuspage incident mirrors each of ours (later updates edit it).
 */
export function createStatuspageLinks(db: Database): StatuspageLinks {
  const p = db.prisma;
  return {
    load: async (publicationId: number) => {
      const publication = await p.publication.findUniqueOrThrow({ where: { id: publicationId }, include: { incident: { include: { components: true } } } });
      const incident = publication.incident;
      // The components shown with the incident: those it was declared with and any an update (up to this one) changed.
      const published = await p.publication.findMany({ where: { incidentId: incident.id, id: { lte: publicationId } }, select: { affectedComponents: true } });
      const named = new Set([
        ...incident.components.map((c) => c.componentName),
        ...published.flatMap((row) => parseComponentChanges(row.affectedComponents).map((c) => c.name)),
      ]);
      const link = await p.statuspageIncident.findUnique({ where: { incidentId: incident.id } });
      return {
        incident: { id: incident.id, ref: incidentId(incident.id), title: incident.title },
        publication: {
          id: publication.id,
          kind: publication.kind === 'report' ? ('report' as const) : ('update' as const),
          status: IncidentStatus.parse(publication.status),
          body: publication.body,
          impact: publication.impact,
          componentChanges: parseComponentChanges(publication.affectedComponents),
        },
        componentNames: [...named],
        externalId: link?.externalId ?? null,
      };
    },
    recordLink: (incidentId: number, externalId: string) =>
      p.statuspageIncident.upsert({ where: { incidentId }, create: { incidentId, externalId }, update: { externalId } }),
  };
}
