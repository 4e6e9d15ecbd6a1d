import { z } from 'zod';
import { ComponentState } from '../../domain/component.ts';
import { draftId, impactOf, incidentId } from '../../domain/incident.ts';
import type { Ctx } from '../context.ts';
import { decideDraft } from './decisions.ts';
import { parseComponentChanges } from '../../domain/publication.ts';
import { fanOutTargets } from './fan-out.ts';
import { parseInput } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';

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
    const { incident, draft } = await decideDraft(tx, ctx, now, { incident: ref, draft: number }, { state: 'approved' });

    const report = draft.kind === 'report';
    // A report never moves component states, whatever its row holds: the incident is over.
    const changes = report ? [] : parseComponentChanges(draft.componentChanges);
    const current = await tx.component.findMany({ where: { name: { in: changes.map((c) => c.name) } } });
    // Measured against what is public now: an earlier approval may already have published a change.
    const affected = changes.flatMap((change) => {
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
        kind: draft.kind,
      },
    });
    const targets = await fanOutTargets(tx, ctx, incident.id, draft.kind);
    await tx.delivery.createMany({
      data: targets.map((target) => ({
        publicationId: publication.id,
        target,
        idempotencyKey: `publication-${publication.id}-${target}`,
        createdAt: now,
      })),
    });
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'approved',
      text: report
        ? `Incident report ${draftId(draft.number)} approved by ${ctx.actor.name} and published`
        : `Public update ${draftId(draft.number)} approved by ${ctx.actor.name} and published (${draft.status})`,
      detail: { draft: draft.number, publication: publication.id, componentChanges: affected },
    });
    return {
      result: { incident, draft, publication, componentChanges: affected, label: `${incidentId(incident.id)} ${draftId(draft.number)}` },
      events: [
        { type: 'draft_changed', incidentId: incident.id, draftId: draft.id },
        { type: 'incident_changed', incidentId: incident.id },
        { type: 'publication_created', incidentId: incident.id, publicationId: publication.id },
      ],
    };
  });
}
