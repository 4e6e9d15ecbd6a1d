import type { PublicRelatedIncident } from '../../domain/public-page/snapshot.ts';
import { publicRelation, type RelationDirection, RelationKind } from '../../domain/relation.ts';

/** A related incident: its first published update, if any, says whether (and since when) the public knows it. */
const relatedSelect = {
  id: true,
  title: true,
  publications: { where: { kind: 'update' }, orderBy: { id: 'asc' }, take: 1, select: { publishedAt: true } },
} as const;

/** The relations of an incident, both ways, for `select:` next to publicIncidentSelect's columns. */
export const publicRelationsSelect = {
  relations: { select: { kind: true, related: { select: relatedSelect } } },
  relatedTo: { select: { kind: true, incident: { select: relatedSelect } } },
} as const;

interface RelatedRow {
  id: number;
  title: string;
  publications: { publishedAt: Date }[];
}

export interface PublicRelationRows {
  /** Relations typed on this incident ("this is a recurrence of that"). */
  relations: { kind: string; related: RelatedRow }[];
  /** Relations typed on other incidents, naming this one. */
  relatedTo: { kind: string; incident: RelatedRow }[];
}

/**
 * The related incidents the public may see, earliest first: only those with a published update,
 * so an internal incident's title never reaches the page, the API or a webhook.
 */
export function publicRelatedFrom(rows: PublicRelationRows): PublicRelatedIncident[] {
  const all = [
    ...rows.relations.map((row) => ({ kind: row.kind, other: row.related, direction: 'outgoing' as RelationDirection })),
    ...rows.relatedTo.map((row) => ({ kind: row.kind, other: row.incident, direction: 'incoming' as RelationDirection })),
  ];
  return all
    .flatMap(({ kind, other, direction }) => {
      const [first] = other.publications;
      if (first === undefined) return [];
      return [{ number: other.id, title: other.title, relation: publicRelation(RelationKind.parse(kind), direction), createdAt: first.publishedAt }];
    })
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.number - b.number);
}
