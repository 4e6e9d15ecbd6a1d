import type { Tx } from '../../db/client.ts';
import { RelationKind, type RelationDirection } from '../../domain/relation.ts';

/** One incident related to another, read from that other: see relationWords for how to say it. */
export interface RelatedIncident {
  id: number;
  title: string;
  declaredAt: Date;
  resolvedAt: Date | null;
  kind: RelationKind;
  /** outgoing: the incident read is a <kind> of this one; incoming: this one is a <kind> of it. */
  direction: RelationDirection;
}

const relatedSelect = { id: true, title: true, declaredAt: true, resolvedAt: true } as const;

/**
 * Every incident related to one, in both directions, earliest declared first (then by id): the
 * briefing lists them, and the incident report's draft names the earlier occurrences from them.
 */
export async function relatedIncidents(tx: Tx, incidentId: number): Promise<RelatedIncident[]> {
  // One after the other: inside a transaction the queries share one connection anyway.
  const outgoing = await tx.incidentRelation.findMany({ where: { incidentId }, select: { kind: true, related: { select: relatedSelect } } });
  const incoming = await tx.incidentRelation.findMany({ where: { relatedId: incidentId }, select: { kind: true, incident: { select: relatedSelect } } });
  const all: RelatedIncident[] = [
    ...outgoing.map((row) => ({ ...row.related, kind: RelationKind.parse(row.kind), direction: 'outgoing' as const })),
    ...incoming.map((row) => ({ ...row.incident, kind: RelationKind.parse(row.kind), direction: 'incoming' as const })),
  ];
  return all.sort((a, b) => a.declaredAt.getTime() - b.declaredAt.getTime() || a.id - b.id);
}
