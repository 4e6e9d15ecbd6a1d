import { z } from 'zod';
import { CrisisError } from '../../domain/errors.ts';
import { keptAsTyped } from '../../domain/text.ts';
import { parseUserTime } from '../../time/parse.ts';
import type { Ctx } from '../context.ts';
import { parseInput, targetIncident } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';
import { readingZone } from '../reading-zone.ts';

export const AddNoteInput = z
  .object({
    incident: z.number().int().positive().optional(),
    text: z.string().trim().min(1, 'a note needs text').max(4000).superRefine(keptAsTyped('note', 'prose')),
    /** When it happened, if earlier than now: a chat message's own timestamp. */
    occurredAt: z.date().optional(),
    /** When it happened as a person typed it (`11:12`, `10 minutes ago`), read in their zone. */
    at: z.string().trim().min(1, 'give the time after --at, e.g. 11:12').max(200).optional(),
    /** Where the note came from, e.g. the permalink of a chat message added to the timeline. */
    source: z.object({ authorName: z.string().min(1).max(100), link: z.url().optional() }).optional(),
    /** A key moment: named in the incident report's "what we did". */
    key: z.boolean().default(false),
  })
  .refine((input) => input.occurredAt === undefined || input.at === undefined, 'a note has one time: occurredAt or at, not both');

/** A chat platform's clock may run a little ahead of ours; more than this is refused. */
const futureToleranceMs = 2 * 60_000;

/** An internal timeline entry: seen by responders, never by customers. */
export async function addNote(ctx: Ctx, input: z.input<typeof AddNoteInput>) {
  const { incident: ref, text, occurredAt: stamped, at, source, key } = parseInput(AddNoteInput, input);
  const zone = readingZone(ctx);
  return mutate(ctx, async (tx, now) => {
    const occurredAt = at === undefined ? stamped : typedTime(at, zone, now);
    if (occurredAt && occurredAt.getTime() > now.getTime() + futureToleranceMs) {
      throw new CrisisError('invalid_input', 'That entry is dated in the future of this server; nothing was recorded.');
    }
    const incident = await targetIncident(tx, ctx, ref);
    const quoted = source ? `${source.authorName}: ${text}${source.link ? ` (${source.link})` : ''}` : text;
    const seq = await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'note',
      text: quoted,
      ...(occurredAt ? { occurredAt } : {}),
      key,
      ...(source ? { detail: { source } } : {}),
    });
    return { result: { incident, seq, occurredAt: occurredAt ?? null, key }, events: [{ type: 'incident_changed', incidentId: incident.id }] };
  });
}

function typedTime(text: string, zone: string, now: Date): Date {
  const parsed = parseUserTime(text, { zone, now, futureToleranceMs });
  if (!parsed.ok) throw new CrisisError('invalid_input', parsed.error);
  return parsed.instant;
}
