import { z } from 'zod';
import { CrisisError } from '../../domain/errors.ts';
import { incidentId } from '../../domain/incident.ts';
import { formatDateTime } from '../../time/format.ts';
import { parseTimeRange } from '../../time/parse.ts';
import type { Ctx } from '../context.ts';
import { readingZone } from '../reading-zone.ts';
import { parseInput, targetIncident } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';

export const SetImpactInput = z.object({
  incident: z.number().int().positive().optional(),
  text: z.string().trim().min(1, 'give the start of the impact, e.g. 10:50 or 2021-09-15 10:50'),
});

/** Records the customer-impact window; a bare time is read in the person's zone (see readingZone). */
export async function setImpact(ctx: Ctx, input: z.input<typeof SetImpactInput>) {
  const { incident: ref, text } = parseInput(SetImpactInput, input);
  const zone = readingZone(ctx);
  return mutate(ctx, async (tx, now) => {
    const range = parseTimeRange(text, { zone, now });
    if (!range.ok) throw new CrisisError('invalid_input', range.error);
    const incident = await targetIncident(tx, ctx, ref);
    const updated = await tx.incident.update({ where: { id: incident.id }, data: { impactStart: range.start, impactEnd: range.end } });
    const window = `${formatDateTime(range.start, zone)} → ${range.end ? formatDateTime(range.end, zone) : 'ongoing'}`;
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'impact',
      text: `Customer impact of ${incidentId(incident.id)}: ${window}`,
      detail: { start: range.start.toISOString(), end: range.end?.toISOString() ?? null },
    });
    return { result: { incident: updated }, events: [{ type: 'incident_changed', incidentId: incident.id }] };
  });
}
