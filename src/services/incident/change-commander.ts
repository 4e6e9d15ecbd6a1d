import { z } from 'zod';
import { actorKey } from '../../domain/actor.ts';
import { CrisisError } from '../../domain/errors.ts';
import { incidentId } from '../../domain/incident.ts';
import type { Ctx } from '../context.ts';
import { parseInput, targetIncident } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';

export const ChangeCommanderInput = z.object({
  incident: z.number().int().positive().optional(),
  /** The new commander as the adapter resolved them on the same platform as the actor. */
  user: z.object({ id: z.string().trim().min(1), name: z.string().trim().min(1).max(100) }),
});

/**
 * Hands over command. Any responder may do it (the commander may be unreachable); the change and
 * who made it are on the timeline and in the audit log.
 */
export async function changeCommander(ctx: Ctx, input: z.input<typeof ChangeCommanderInput>) {
  const { incident: ref, user } = parseInput(ChangeCommanderInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    const key = actorKey({ platform: ctx.actor.platform, id: user.id });
    if (incident.commanderId === key) throw new CrisisError('conflict', `${user.name} is already the commander of ${incidentId(incident.id)}.`);
    const updated = await tx.incident.update({ where: { id: incident.id }, data: { commanderId: key, commanderName: user.name } });
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'commander',
      text: `Command of ${incidentId(incident.id)} handed from ${incident.commanderName} to ${user.name}`,
      detail: { from: incident.commanderId, to: key },
    });
    return {
      result: { incident: updated, previous: incident.commanderName },
      events: [
        { type: 'incident_changed', incidentId: incident.id },
        { type: 'commander_changed', incidentId: incident.id, commanderId: key, commanderName: user.name },
      ],
    };
  });
}
