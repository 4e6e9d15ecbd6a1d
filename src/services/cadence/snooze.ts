import { z } from 'zod';
import { CrisisError } from '../../domain/errors.ts';
import { incidentId } from '../../domain/incident.ts';
import type { Ctx } from '../context.ts';
import { parseInput, targetIncident } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';

export const SnoozeInput = z.object({
  incident: z.number().int().positive().optional(),
  /** How long the update cadence's reminders are held back: up to a day. */
  minutes: z.int().min(1, 'snooze for at least a minute').max(1440, 'snooze for at most a day (24h)'),
});

/** Holds the incident's cadence reminders back for a while; on the timeline, by whom and for how long. */
export async function snoozeCadence(ctx: Ctx, input: z.input<typeof SnoozeInput>) {
  const { incident: ref, minutes } = parseInput(SnoozeInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    if (incident.status === 'resolved') throw new CrisisError('conflict', `${incidentId(incident.id)} is resolved: it has no update reminders to snooze.`);
    const until = new Date(now.getTime() + minutes * 60_000);
    await tx.incident.update({ where: { id: incident.id }, data: { cadenceSnoozedUntil: until } });
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'snoozed',
      text: `Update reminders of ${incidentId(incident.id)} snoozed for ${minutes} min by ${ctx.actor.name}`,
      detail: { minutes, until: until.toISOString() },
    });
    return { result: { incident: incident.id, until }, events: [{ type: 'incident_changed', incidentId: incident.id }] };
  });
}
