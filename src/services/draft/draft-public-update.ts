import { z } from 'zod';
import { IncidentStatus } from '../../domain/incident.ts';
import { keptAsTyped } from '../../domain/text.ts';
import type { Ctx } from '../context.ts';
import { createDraft } from './drafts.ts';
import { parseInput, targetIncident } from '../lookup.ts';
import { mutate } from '../mutation.ts';

export const DraftPublicUpdateInput = z.object({
  incident: z.number().int().positive().optional(),
  status: IncidentStatus,
  text: z.string().trim().min(1, 'a public update needs text').max(4000).superRefine(keptAsTyped('public update', 'prose')),
});

/** Drafts what customers will read; it is published only once the commander approves it. */
export async function draftPublicUpdate(ctx: Ctx, input: z.input<typeof DraftPublicUpdateInput>) {
  const { incident: ref, status, text } = parseInput(DraftPublicUpdateInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    const draft = await createDraft(tx, ctx, now, incident, status, text);
    return { result: { incident, draft }, events: [{ type: 'draft_created', incidentId: incident.id, draftId: draft.id }] };
  });
}
