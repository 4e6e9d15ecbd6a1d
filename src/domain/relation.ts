import { z } from 'zod';

/**
 * How one incident is related to another. A relation is stored once, as typed in the room of the
 * incident acted on: "INC-9 is a recurrence of INC-3". Read from INC-3 it is the other way round.
 */
export const relationKinds = ['recurrence', 'duplicate', 'caused-by', 'related'] as const;
export const RelationKind = z.enum(relationKinds);
export type RelationKind = z.infer<typeof RelationKind>;

/** Read from the incident the relation was typed on (outgoing), or from the one it names (incoming). */
export type RelationDirection = 'outgoing' | 'incoming';

const outgoing: Record<RelationKind, string> = {
  recurrence: 'recurrence of',
  duplicate: 'duplicate of',
  'caused-by': 'caused by',
  related: 'related to',
};

const incoming: Record<RelationKind, string> = {
  recurrence: 'recurred as',
  duplicate: 'duplicated by',
  'caused-by': 'cause of',
  related: 'related to',
};

/** How the incident being read stands to the other, before the other's id: on INC-9 `recurrence of INC-3`, on INC-3 `recurred as INC-9`. */
export function relationWords(kind: RelationKind, direction: RelationDirection): string {
  return (direction === 'outgoing' ? outgoing : incoming)[kind];
}

const asSaid: Record<RelationKind, string> = {
  recurrence: 'a recurrence of',
  duplicate: 'a duplicate of',
  'caused-by': 'caused by',
  related: 'related to',
};

/** What a relation means, as typed: `a recurrence of`, `caused by`; "INC-9 is a recurrence of INC-3". */
export function relationPhrase(kind: RelationKind): string {
  return asSaid[kind];
}

/** The API's name of a relation: how the incident it is listed on stands to the related one (`recurrence_of`: it is a recurrence of it). */
export type PublicRelation = 'recurrence_of' | 'recurred_as' | 'duplicate_of' | 'duplicated_by' | 'caused_by' | 'cause_of' | 'related_to';

const publicNames: Record<RelationDirection, Record<RelationKind, PublicRelation>> = {
  outgoing: { recurrence: 'recurrence_of', duplicate: 'duplicate_of', 'caused-by': 'caused_by', related: 'related_to' },
  incoming: { recurrence: 'recurred_as', duplicate: 'duplicated_by', 'caused-by': 'cause_of', related: 'related_to' },
};

export function publicRelation(kind: RelationKind, direction: RelationDirection): PublicRelation {
  return publicNames[direction][kind];
}
