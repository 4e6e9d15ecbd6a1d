import { z } from 'zod';
import { actorKey } from '../domain/actor.ts';
import { CrisisError } from '../domain/errors.ts';
import { draftId } from '../domain/incident.ts';
import type { Ctx } from './context.ts';
import { alreadyDecided, assertMayDecide } from './decisions.ts';
import { parseInput, targetDraft, targetIncident } from './lookup.ts';
import { mutate, recordOnTimeline } from './mutation.ts';

export const RejectDraftInput = z.object({
  incident: z.number().int().positive().optional(),
  draft: z.number().int().positive().optional(),
  reason: z.string().trim().max(1000).optional(),
});

/** Rejects a draft; it is never published, and the reason stays on the timeline. */
export async function rejectDraft(ctx: Ctx, input: z.input<typeof RejectDraftInput>) {
  const { incident: ref, draft: number, reason } = parseInput(RejectDraftInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    const draft = await targetDraft(tx, incident, number);
    assertMayDecide(ctx, incident, draft, 'reject');
    if (draft.state !== 'pending') throw alreadyDecided(ctx, draft);
    const { count } = await tx.publicDraft.updateMany({
      where: { id: draft.id, state: 'pending' },
      data: { state: 'rejected', decidedById: actorKey(ctx.actor), decidedByName: ctx.actor.name, decidedAt: now, rejectReason: reason || null },
    });
    if (count === 0) throw new CrisisError('conflict', `${draftId(draft.number)} was decided by someone else a moment ago; nothing changed.`);
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'rejected',
      text: `Public update ${draftId(draft.number)} rejected by ${ctx.actor.name}${reason ? `: ${reason}` : ''}`,
      detail: { draft: draft.number, reason: reason ?? null },
    });
    return { result: { incident, draft: { ...draft, state: 'rejected' }, reason }, events: [{ type: 'incident_changed', incidentId: incident.id }] };
  });
}
