import { z } from 'zod';
import { CrisisError } from '../../domain/errors.ts';
import { IncidentStatus, draftId, draftLabel, incidentId } from '../../domain/incident.ts';
import { keptAsTyped } from '../../domain/text.ts';
import type { Ctx } from '../context.ts';
import { assertMayDecide } from './decisions.ts';
import { parseInput, targetDraft, targetIncident } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';

/** An update is read in chat and on the page; a report (postmortem) may run long. */
const updateLimit = 4000;
const reportLimit = 20_000;

export const EditDraftInput = z.object({
  incident: z.number().int().positive(),
  draft: z.number().int().positive(),
  status: IncidentStatus,
  text: z.string().trim().min(1, 'a public update needs text').max(reportLimit).superRefine(keptAsTyped('draft', 'prose')),
});

/** Rewrites a draft still waiting for its decision; the old wording stays on the timeline. */
export async function editDraft(ctx: Ctx, input: z.input<typeof EditDraftInput>) {
  const { incident: ref, draft: number, status, text } = parseInput(EditDraftInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    const draft = await targetDraft(tx, incident, number);
    await assertMayDecide(tx, ctx, incident, draft, 'edit');
    // A report written section by section is one text only as read: rewriting that text would lose its sections and languages.
    if (draft.kind === 'report' && (await tx.reportSection.count({ where: { draftId: draft.id } })) > 0) {
      throw new CrisisError(
        'invalid_input',
        `${draftLabel(draft.kind, draft.number)} is written section by section: /incident report ${incidentId(incident.id)} <section> [--lang …] <text>.`,
      );
    }
    if (draft.kind !== 'report' && text.length > updateLimit) {
      throw new CrisisError('invalid_input', `A public update holds at most ${updateLimit} characters (this text has ${text.length}).`);
    }
    const { count } = await tx.publicDraft.updateMany({ where: { id: draft.id, state: 'pending' }, data: { status, body: text } });
    if (count === 0) throw new CrisisError('conflict', `${draftId(draft.number)} was already ${draft.state}; it can no longer be edited.`);
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'draft_edited',
      text: `${draftLabel(draft.kind, draft.number)} edited by ${ctx.actor.name} (${status}): ${text}`,
      detail: { draft: draft.number, before: { status: draft.status, body: draft.body } },
    });
    return { result: { incident, draft: { ...draft, status, body: text } }, events: [{ type: 'draft_changed', incidentId: incident.id, draftId: draft.id }] };
  });
}
