import { z } from 'zod';
import { CrisisError } from '../../domain/errors.ts';
import { incidentId } from '../../domain/incident.ts';
import type { Ctx } from '../context.ts';
import { incidentToRead, parseInput } from '../lookup.ts';
import { mutate, recordAudit } from '../mutation.ts';

export const KeyMomentInput = z.object({
  incident: z.number().int().positive().optional(),
  entry: z.number().int().positive(),
  key: z.boolean(),
});

/**
 * Marks a timeline entry as a key moment, or unmarks it: the incident report's draft tells the key
 * moments under "what we did". The entry itself is unchanged; the audit log says who marked it.
 */
export async function markKeyMoment(ctx: Ctx, input: z.input<typeof KeyMomentInput>) {
  const { incident: ref, entry: seq, key } = parseInput(KeyMomentInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await incidentToRead(tx, ctx, ref);
    const entry = await tx.timelineEntry.findUnique({ where: { incidentId_seq: { incidentId: incident.id, seq } } });
    if (!entry) throw new CrisisError('not_found', `${incidentId(incident.id)} has no timeline entry #${seq}.`);
    const changed = entry.key !== key;
    if (changed) {
      await tx.timelineEntry.update({ where: { id: entry.id }, data: { key } });
      await recordAudit(tx, ctx, now, key ? 'key_moment_marked' : 'key_moment_unmarked', { incident: incident.id, seq });
    }
    return { result: { incident, entry: { ...entry, key }, changed }, events: changed ? [{ type: 'incident_changed', incidentId: incident.id }] : [] };
  });
}
