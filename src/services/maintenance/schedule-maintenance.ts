import { z } from 'zod';
import { actorKey } from '../../domain/actor.ts';
import { CrisisError } from '../../domain/errors.ts';
import { maintenanceId } from '../../domain/maintenance.ts';
import { keptAsTyped } from '../../domain/text.ts';
import { formatDateTime, formatDateTimeWindow } from '../../time/format.ts';
import { parseTimeRange } from '../../time/parse.ts';
import type { Ctx } from '../context.ts';
import { readingZone } from '../reading-zone.ts';
import { maintenanceView } from './list-maintenances.ts';
import { parseInput, resolveComponentNames } from '../lookup.ts';
import { mutate, recordAudit } from '../mutation.ts';

export const ScheduleMaintenanceInput = z.object({
  /** `<start> - <end>` as typed, e.g. `2026-12-01 02:00 - 04:00`; read in the zone readingZone gives. */
  window: z.string().trim().min(1, 'give the window, e.g. 2026-12-01 02:00 - 04:00').max(200),
  title: z.string().trim().min(1, 'a maintenance needs a title').max(200).superRefine(keptAsTyped('maintenance title', 'line')),
  components: z.array(z.string()).default([]),
});

/** Typing takes time: a start this far behind the clock still counts as "now". */
const pastToleranceMs = 60_000;
const yearMs = 365 * 24 * 60 * 60 * 1000;

/**
 * Announces maintenance on the status page. Any responder may; who did is recorded. The page shows it
 * at once, as in progress from its start and completed from its end, with no one acting.
 */
export async function scheduleMaintenance(ctx: Ctx, input: z.input<typeof ScheduleMaintenanceInput>) {
  const { window, title, components } = parseInput(ScheduleMaintenanceInput, input);
  const zone = readingZone(ctx);
  return mutate(ctx, async (tx, now) => {
    // A bare time more than the tolerance behind the clock is tomorrow's, so only dated times can be past.
    const range = parseTimeRange(window, { zone, now, allowFuture: true, futureToleranceMs: pastToleranceMs });
    if (!range.ok) throw new CrisisError('invalid_input', range.error);
    const { start, end } = range;
    const shown = (instant: Date) => formatDateTime(instant, zone);
    if (end === null) {
      throw new CrisisError(
        'invalid_input',
        `A maintenance needs an end as well as a start (${shown(start)}): write the window as <start> - <end>, e.g. 02:00 - 04:00.`,
      );
    }
    if (end.getTime() <= start.getTime()) {
      throw new CrisisError('invalid_input', `A maintenance must end after it starts (${formatDateTimeWindow(start, end, zone)}).`);
    }
    if (start.getTime() < now.getTime() - pastToleranceMs) {
      throw new CrisisError('invalid_input', `${shown(start)} has already passed (now is ${shown(now)}): maintenance is scheduled from now on.`);
    }
    const latest = new Date(now.getTime() + yearMs);
    if (end.getTime() > latest.getTime()) {
      throw new CrisisError('invalid_input', `Maintenance is scheduled at most a year ahead: ${shown(end)} is after ${shown(latest)}.`);
    }
    const names = [...new Set(await resolveComponentNames(tx, components))];
    const row = await tx.maintenance.create({
      data: {
        title,
        scheduledFor: start,
        scheduledUntil: end,
        components: JSON.stringify(names),
        createdById: actorKey(ctx.actor),
        createdByName: ctx.actor.name,
        createdAt: now,
        updatedAt: now,
      },
    });
    await recordAudit(tx, ctx, now, 'maintenance_scheduled', {
      maintenance: maintenanceId(row.id),
      title,
      scheduledFor: start.toISOString(),
      scheduledUntil: end.toISOString(),
      components: names,
    });
    return { result: maintenanceView(row, now), events: [{ type: 'maintenance_changed', maintenanceId: row.id }] };
  });
}
