import { z } from 'zod';
import type { Ctx } from './context.ts';
import { parseInput, targetIncident } from './lookup.ts';
import { mutate, recordOnTimeline } from './mutation.ts';

export const AddNoteInput = z.object({
  incident: z.number().int().positive().optional(),
  text: z.string().trim().min(1, 'a note needs text').max(4000),
});

/** An internal timeline entry: seen by responders, never by customers. */
export async function addNote(ctx: Ctx, input: z.input<typeof AddNoteInput>) {
  const { incident: ref, text } = parseInput(AddNoteInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    const seq = await recordOnTimeline(tx, ctx, now, incident.id, { kind: 'note', text });
    return { result: { incident, seq }, events: [{ type: 'incident_changed', incidentId: incident.id }] };
  });
}
