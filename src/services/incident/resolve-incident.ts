import { z } from 'zod';
import { IncidentStatus, incidentId } from '../../domain/incident.ts';
import { transition } from '../../domain/lifecycle.ts';
import { keptAsTyped } from '../../domain/text.ts';
import type { Ctx } from '../context.ts';
import { createDraft } from '../draft/drafts.ts';
import { parseInput, targetIncident } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';

export const ResolveIncidentInput = z.object({
  incident: z.number().int().positive().optional(),
  text: z.string().trim().max(4000).superRefine(keptAsTyped('public update', 'prose')).optional(),
});

const defaultResolution = 'This incident has been resolved.';

/**
 * Resolves internally, brings every affected component back to operational and drafts the public
 * "resolved" update, which (like any public update) goes out once the commander approves it.
 */
export async function resolveIncident(ctx: Ctx, input: z.input<typeof ResolveIncidentInput>) {
  const { incident: ref, text } = parseInput(ResolveIncidentInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    transition(incident.id, IncidentStatus.parse(incident.status), 'resolved');
    const updated = await tx.incident.update({ where: { id: incident.id }, data: { status: 'resolved', resolvedAt: now } });
    await tx.incidentComponent.updateMany({ where: { incidentId: incident.id }, data: { state: 'operational' } });
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'resolved',
      text: `${incidentId(incident.id)} resolved by ${ctx.actor.name}`,
      detail: { from: incident.status },
    });
    const draft = await createDraft(tx, ctx, now, incident, 'resolved', text || defaultResolution);
    return {
      result: { incident: updated, draft },
      events: [
        { type: 'incident_changed', incidentId: incident.id },
        { type: 'draft_created', incidentId: incident.id, draftId: draft.id },
      ],
    };
  });
}
