import { z } from 'zod';
import { actorKey } from '../../domain/actor.ts';
import { CrisisError } from '../../domain/errors.ts';
import { maintenanceId, maintenanceStatus } from '../../domain/maintenance.ts';
import { formatDateTime } from '../../time/format.ts';
import type { Ctx } from '../context.ts';
import { readingZone } from '../reading-zone.ts';
import { maintenanceView } from './list-maintenances.ts';
import { parseInput } from '../lookup.ts';
import { mutate, recordAudit } from '../mutation.ts';

export const CancelMaintenanceInput = z.object({
  id: z.number().int().positive(),
});

/**
 * Takes back a maintenance. Before it starts it is cancelled and disappears from the page; once it is in
 * progress it cannot be undone, so it is ended now and shows as completed. Any responder may.
 */
export async function cancelMaintenance(ctx: Ctx, input: z.input<typeof CancelMaintenanceInput>) {
  const { id } = parseInput(CancelMaintenanceInput, input);
  const zone = readingZone(ctx);
  const label = maintenanceId(id);
  return mutate(ctx, async (tx, now) => {
    const found = await tx.maintenance.findUnique({ where: { id } });
    if (!found) throw new CrisisError('not_found', `${label} does not exist (see /incident maintenance list).`);
    const status = maintenanceStatus(found, now);
    if (status === 'cancelled') {
      throw new CrisisError('conflict', `${label} was already cancelled by ${found.cancelledByName} at ${formatDateTime(found.cancelledAt!, zone)}.`);
    }
    if (status === 'completed') {
      throw new CrisisError('conflict', `${label} is already over (it ended at ${formatDateTime(found.scheduledUntil, zone)}); there is nothing to cancel.`);
    }
    const outcome = status === 'scheduled' ? 'cancelled' : 'ended';
    // The condition makes a concurrent cancel or end of the same maintenance change nothing twice.
    const { count } = await tx.maintenance.updateMany({
      where: { id, cancelledAt: null, scheduledUntil: found.scheduledUntil },
      data:
        outcome === 'cancelled'
          ? { cancelledAt: now, cancelledById: actorKey(ctx.actor), cancelledByName: ctx.actor.name, updatedAt: now }
          : { scheduledUntil: now, updatedAt: now },
    });
    if (count === 0) throw new CrisisError('conflict', `${label} was changed by someone else just now; look at /incident maintenance list.`);
    await recordAudit(tx, ctx, now, outcome === 'cancelled' ? 'maintenance_cancelled' : 'maintenance_ended', {
      maintenance: label,
      title: found.title,
      ...(outcome === 'ended' ? { scheduledUntil: found.scheduledUntil.toISOString(), endedAt: now.toISOString() } : {}),
    });
    const row = await tx.maintenance.findUniqueOrThrow({ where: { id } });
    return { result: { maintenance: maintenanceView(row, now), outcome }, events: [{ type: 'maintenance_changed', maintenanceId: id }] };
  });
}
