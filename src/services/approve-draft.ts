import { z } from 'zod';
import { actorKey } from '../domain/actor.ts';
import { ComponentState } from '../domain/component.ts';
import { CrisisError } from '../domain/errors.ts';
import { draftId, impactOf, incidentId } from '../domain/incident.ts';
import type { Ctx } from './context.ts';
import { alreadyDecided, assertMayDecide } from './decisions.ts';
import { parseComponentChanges } from './drafts.ts';
import { parseInput, targetDraft, targetIncident } from './lookup.ts';
import { mutate, recordOnTimeline } from './mutation.ts';

export const DecideDraftInput = z.object({
  incident: z.number().int().positive().optional(),
  draft: z.number().int().positive().optional(),
});

/**
 * Approves a draft. The decision, its timeline entry, the publication, the new public component
 * states and one delivery row per target are written in one transaction; delivery happens afterwards.
 */
export async function approveDraft(ctx: Ctx, input: z.input<typeof DecideDraftInput>) {
  const { incident: ref, draft: number } = parseInput(DecideDraftInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    const draft = await targetDraft(tx, incident, number);
    assertMayDecide(ctx, incident, draft, 'approve');
    if (draft.state !== 'pending') throw alreadyDecided(ctx, draft);
    // The state guard makes a second, concurrent approval of the same draft change nothing.
    const { count } = await tx.publicDraft.updateMany({
      where: { id: draft.id, state: 'pending' },
      data: { state: 'approved', decidedById: actorKey(ctx.actor), decidedByName: ctx.actor.name, decidedAt: now },
    });
    if (count === 0) throw new CrisisError('conflict', `${draftId(draft.number)} was decided by someone else a moment ago; nothing changed.`);

    const current = await tx.component.findMany({ where: { name: { in: parseComponentChanges(draft.componentChanges).map((c) => c.name) } } });
    const affected = parseComponentChanges(draft.componentChanges).flatMap((change) => {
      const component = current.find((c) => c.name === change.name);
      return component && component.status !== change.newState ? [{ ...change, oldState: ComponentState.parse(component.status) }] : [];
    });
    for (const change of affected) {
      await tx.component.update({ where: { name: change.name }, data: { status: change.newState, updatedAt: now } });
    }
    const publication = await tx.publication.create({
      data: {
        incidentId: incident.id,
        draftId: draft.id,
        status: draft.status,
        body: draft.body,
        impact: impactOf(incident.severity),
        affectedComponents: JSON.stringify(affected),
        publishedAt: now,
      },
    });
    await tx.delivery.createMany({
      data: ctx.deliveryTargets.map((target) => ({
        publicationId: publication.id,
        target,
        idempotencyKey: `publication-${publication.id}-${target}`,
        createdAt: now,
      })),
    });
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'approved',
      text: `Public update ${draftId(draft.number)} approved by ${ctx.actor.name} and published (${draft.status})`,
      detail: { draft: draft.number, publication: publication.id, componentChanges: affected },
    });
    return {
      result: { incident, draft: { ...draft, state: 'approved' }, publication, componentChanges: affected, label: `${incidentId(incident.id)} ${draftId(draft.number)}` },
      events: [{ type: 'publication_created', incidentId: incident.id, publicationId: publication.id }],
    };
  });
}
