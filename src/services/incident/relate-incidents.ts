import { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { actorKey } from '../../domain/actor.ts';
import { CrisisError } from '../../domain/errors.ts';
import { incidentId } from '../../domain/incident.ts';
import { RelationKind, relationPhrase } from '../../domain/relation.ts';
import type { Ctx, DomainEvent } from '../context.ts';
import { incidentToRead, parseInput } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';

const IncidentRef = z.number().int().positive();

export const RelateInput = z.object({
  /** The incident acted on; without it, the one `summary` would show (room, latest worked on, only open). */
  incident: IncidentRef.optional(),
  related: IncidentRef,
  kind: RelationKind.default('related'),
});

export const UnrelateInput = z.object({ incident: IncidentRef.optional(), related: IncidentRef });

/** "INC-9 is a recurrence of INC-3": a stored relation, in the direction it was typed. */
function sentence(row: { incidentId: number; relatedId: number; kind: string }, is = 'is'): string {
  return `${incidentId(row.incidentId)} ${is} ${relationPhrase(RelationKind.parse(row.kind))} ${incidentId(row.relatedId)}`;
}

/** The two incidents of a relate or unrelate: the one acted on, and the other, which must exist and be another. */
async function pairOf(tx: Tx, ctx: Ctx, ref: number | undefined, related: number) {
  const incident = await incidentToRead(tx, ctx, ref);
  if (related === incident.id) throw new CrisisError('invalid_input', `${incidentId(incident.id)} cannot be related to itself.`);
  const other = await tx.incident.findUnique({ where: { id: related } });
  if (!other) throw new CrisisError('not_found', `${incidentId(related)} does not exist.`);
  const existing = await tx.incidentRelation.findFirst({
    where: {
      OR: [
        { incidentId: incident.id, relatedId: other.id },
        { incidentId: other.id, relatedId: incident.id },
      ],
    },
  });
  return { incident, other, existing };
}

/**
 * Both incidents' timelines tell of it (and audit it): whoever reads either learns of the other. The
 * incident acted on is written last: it stays the one this person worked on latest, so a second
 * `relate` without an id relates the same incident again, not the one just named.
 */
async function recordOnBoth(tx: Tx, ctx: Ctx, now: Date, [acted, other]: [number, number], kind: string, text: string, detail: Record<string, unknown>) {
  for (const id of [other, acted]) await recordOnTimeline(tx, ctx, now, id, { kind, text, detail });
}

function eventsOf(a: number, b: number): DomainEvent[] {
  return [
    { type: 'incident_changed', incidentId: a },
    { type: 'incident_changed', incidentId: b },
    { type: 'relation_changed', incidentId: a, relatedId: b },
  ];
}

/**
 * Relates the incident acted on to another: "this is a <kind> of that". A pair is related once: the
 * other way round is refused, saying how they are related; the same way with another kind changes the kind.
 */
export async function relateIncident(ctx: Ctx, input: z.input<typeof RelateInput>) {
  const { incident: ref, related, kind } = parseInput(RelateInput, input);
  return mutate(ctx, async (tx, now) => {
    const { incident, other, existing } = await pairOf(tx, ctx, ref, related);
    const wanted = { incidentId: incident.id, relatedId: other.id, kind };
    if (existing && existing.incidentId !== incident.id) {
      throw new CrisisError(
        'conflict',
        `${incidentId(incident.id)} and ${incidentId(other.id)} are already related: ${sentence(existing)}. To relate them the other way, first: /incident unrelate ${incidentId(incident.id)} ${incidentId(other.id)}`,
      );
    }
    if (existing && existing.kind === kind) throw new CrisisError('conflict', `${sentence(existing, 'is already')}.`);
    const detail = { incident: incident.id, related: other.id, kind, ...(existing ? { previousKind: existing.kind } : {}) };
    if (existing) {
      await tx.incidentRelation.update({ where: { id: existing.id }, data: { kind } });
      await recordOnBoth(
        tx,
        ctx,
        now,
        [incident.id, other.id],
        'related',
        `${sentence(wanted, 'is now')} (was ${relationPhrase(RelationKind.parse(existing.kind))} it).`,
        detail,
      );
    } else {
      await tx.incidentRelation.create({ data: { ...wanted, createdById: actorKey(ctx.actor), createdByName: ctx.actor.name, createdAt: now } });
      await recordOnBoth(tx, ctx, now, [incident.id, other.id], 'related', `${sentence(wanted)}.`, detail);
    }
    const previousKind = existing ? RelationKind.parse(existing.kind) : null;
    return { result: { incident, other, kind, previousKind }, events: eventsOf(incident.id, other.id) };
  });
}

/** Takes a relation back, whichever of the two incidents it was typed on. */
export async function unrelateIncident(ctx: Ctx, input: z.input<typeof UnrelateInput>) {
  const { incident: ref, related } = parseInput(UnrelateInput, input);
  return mutate(ctx, async (tx, now) => {
    const { incident, other, existing } = await pairOf(tx, ctx, ref, related);
    if (!existing) throw new CrisisError('not_found', `${incidentId(incident.id)} and ${incidentId(other.id)} are not related.`);
    await tx.incidentRelation.delete({ where: { id: existing.id } });
    const detail = { incident: existing.incidentId, related: existing.relatedId, kind: existing.kind };
    await recordOnBoth(tx, ctx, now, [incident.id, other.id], 'unrelated', `${sentence(existing, 'is no longer')}.`, detail);
    return { result: { incident, other, removed: sentence(existing, 'was') }, events: eventsOf(incident.id, other.id) };
  });
}
