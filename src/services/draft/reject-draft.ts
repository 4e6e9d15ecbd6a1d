import { z } from 'zod';
import { draftLabel } from '../../domain/incident.ts';
import { keptAsTyped } from '../../domain/text.ts';
import type { Ctx } from '../context.ts';
import { decideDraft } from './decisions.ts';
import { parseInput } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';

export const RejectDraftInput = z.object({
  incident: z.number().int().positive().optional(),
  draft: z.number().int().positive().optional(),
  reason: z.string().trim().max(1000).superRefine(keptAsTyped('reason', 'line')).optional(),
});

/** Rejects a draft; it is never published, and the reason stays on the timeline. */
export async function rejectDraft(ctx: Ctx, input: z.input<typeof RejectDraftInput>) {
  const { incident: ref, draft: number, reason } = parseInput(RejectDraftInput, input);
  return mutate(ctx, async (tx, now) => {
    const { incident, draft } = await decideDraft(tx, ctx, now, { incident: ref, draft: number }, { state: 'rejected', rejectReason: reason || null });
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'rejected',
      text: `${draftLabel(draft.kind, draft.number)} rejected by ${ctx.actor.name}${reason ? `: ${reason}` : ''}`,
      detail: { draft: draft.number, reason: reason ?? null },
    });
    return {
      result: { incident, draft, reason },
      events: [
        { type: 'draft_changed', incidentId: incident.id, draftId: draft.id },
        { type: 'incident_changed', incidentId: incident.id },
      ],
    };
  });
}
