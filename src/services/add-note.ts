import { z } from 'zod';
import { CrisisError } from '../domain/errors.ts';
import type { Ctx } from './context.ts';
import { parseInput, targetIncident } from './lookup.ts';
import { mutate, recordOnTimeline } from './mutation.ts';

export const AddNoteInput = z.object({
  incident: z.number().int().positive().optional(),
  text: z.string().trim().min(1, 'a note needs text').max(4000),
  /** When it happened, if earlier than now: a chat message's own timestamp. */
  occurredAt: z.date().optional(),
  /** Where the note came from, e.g. the permalink of a chat message added to the timeline. */
  source: z.object({ authorName: z.string().min(1).max(100), link: z.url().optional() }).optional(),
});

/** A chat platform's clock may run a little ahead of ours; more than this is refused. */
const futureToleranceMs = 2 * 60_000;

/** An internal timeline entry: seen by responders, never by customers. */
export async function addNote(ctx: Ctx, input: z.input<typeof AddNoteInput>) {
  const { incident: ref, text, occurredAt, source } = parseInput(AddNoteInput, input);
  return mutate(ctx, async (tx, now) => {
    if (occurredAt && occurredAt.getTime() > now.getTime() + futureToleranceMs) {
      throw new CrisisError('invalid_input', 'That entry is dated in the future of this server; nothing was recorded.');
    }
    const incident = await targetIncident(tx, ctx, ref);
    const quoted = source ? `${source.authorName}: ${text}${source.link ? ` (${source.link})` : ''}` : text;
    const seq = await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'note',
      text: quoted,
      ...(occurredAt ? { occurredAt } : {}),
      ...(source ? { detail: { source } } : {}),
    });
    return { result: { incident, seq }, events: [{ type: 'incident_changed', incidentId: incident.id }] };
  });
}
