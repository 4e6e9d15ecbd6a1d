import { z } from 'zod';
import { CrisisError } from '../../domain/errors.ts';
import { incidentId } from '../../domain/incident.ts';
import { keptAsTyped } from '../../domain/text.ts';
import type { Ctx } from '../context.ts';
import { createDraft } from './drafts.ts';
import { incidentToRead, parseInput } from '../lookup.ts';
import { mutate } from '../mutation.ts';

export const DraftIncidentReportInput = z.object({
  incident: z.number().int().positive().optional(),
  // Only the ends are trimmed: the blank lines inside are the paragraphs the status page shows.
  text: z.string().trim().min(1, 'an incident report needs text').max(20_000).superRefine(keptAsTyped('incident report', 'prose')),
});

/**
 * Drafts the public incident report (postmortem): what happened, the impact, what was done and where
 * things stand. Like any public update it is published only once the commander approves it.
 */
export async function draftIncidentReport(ctx: Ctx, input: z.input<typeof DraftIncidentReportInput>) {
  const { incident: ref, text } = parseInput(DraftIncidentReportInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await incidentToRead(tx, ctx, ref);
    // A report written while the incident runs would be overtaken by the next update.
    if (incident.status !== 'resolved') {
      throw new CrisisError('conflict', `${incidentId(incident.id)} is not resolved yet: the incident report comes after the resolution.`);
    }
    const draft = await createDraft(tx, ctx, now, incident, 'resolved', text, 'report');
    return { result: { incident, draft }, events: [{ type: 'draft_created', incidentId: incident.id, draftId: draft.id }] };
  });
}
