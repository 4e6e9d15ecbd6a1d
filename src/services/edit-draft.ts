import { z } from 'zod';
import { CrisisError } from '../domain/errors.ts';
import { IncidentStatus, draftId } from '../domain/incident.ts';
import type { Ctx } from './context.ts';
import { assertMayDecide } from './decisions.ts';
import { parseInput, targetDraft, targetIncident } from './lookup.ts';
import { mutate, recordOnTimeline } from './mutation.ts';

export const EditDraftInput = z.object({
  incident: z.number().int().positive(),
  draft: z.number().int().positive(),
  status: IncidentStatus,
  text: z.string().trim().min(1, 'a public update needs text').max(4000),
});

/** Rewrites a draft still waiting for its decision; the old wording stays on the timeline. */
export async function editDraft(ctx: Ctx, input: z.input<typeof EditDraftInput>) {
  const { incident: ref, draft: number, status, text } = parseInput(EditDraftInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    const draft = await targetDraft(tx, incident, number);
    assertMayDecide(ctx, incident, draft, 'edit');
    const { count } = await tx.publicDraft.updateMany({ where: { id: draft.id, state: 'pending' }, data: { status, body: text } });
    if (count === 0) throw new CrisisError('conflict', `${draftId(draft.number)} was already ${draft.state}; it can no longer be edited.`);
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'draft_edited',
      text: `Public update ${draftId(draft.number)} edited by ${ctx.actor.name} (${status}): ${text}`,
      detail: { draft: draft.number, before: { status: draft.status, body: draft.body } },
    });
    return { result: { incident, draft: { ...draft, status, body: text } }, events: [{ type: 'draft_changed', incidentId: incident.id, draftId: draft.id }] };
  });
}
