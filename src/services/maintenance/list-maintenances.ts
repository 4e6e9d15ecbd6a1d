import type { Tx } from '../../db/client.ts';
import { maintenanceId, maintenanceStatus, publicUpdatedAt } from '../../domain/maintenance.ts';
import type { PublicMaintenance } from '../../domain/public-page/snapshot.ts';
import type { Ctx } from '../context.ts';

/** Completed maintenance stays in view this long, as resolved incidents do on the page. */
const completedWindowMs = 14 * 24 * 60 * 60 * 1000;

interface MaintenanceRow {
  id: number;
  scheduledFor: Date;
  scheduledUntil: Date;
  components: string;
  cancelledAt: Date | null;
}

/** A stored maintenance as the rest of crisisroom sees it: its MNT id, its components, its status now. */
export function maintenanceView<R extends MaintenanceRow>(row: R, now: Date) {
  return { ...row, label: maintenanceId(row.id), components: JSON.parse(row.components) as string[], status: maintenanceStatus(row, now) };
}

/** Upcoming, in progress and completed in the last 14 days, not cancelled, soonest first. */
function shownAt(tx: Tx, now: Date) {
  return tx.maintenance.findMany({
    where: { cancelledAt: null, scheduledUntil: { gt: new Date(now.getTime() - completedWindowMs) } },
    orderBy: [{ scheduledFor: 'asc' }, { id: 'asc' }],
  });
}

/** What responders see: what the page shows. */
export async function listMaintenances(ctx: Ctx) {
  const now = ctx.clock.now();
  return (await shownAt(ctx.db.prisma, now)).map((row) => maintenanceView(row, now));
}

/** The page's maintenance as of `builtAt`; components are named in page order, and only while on the page. */
export async function loadPublicMaintenances(tx: Tx, builtAt: Date, pageOrder: readonly string[]): Promise<PublicMaintenance[]> {
  return (await shownAt(tx, builtAt)).flatMap((row) => {
    const view = maintenanceView(row, builtAt);
    if (view.status === 'cancelled') return [];
    return [
      {
        id: view.label,
        title: row.title,
        status: view.status,
        scheduledFor: row.scheduledFor,
        scheduledUntil: row.scheduledUntil,
        components: pageOrder.filter((name) => view.components.includes(name)),
        createdAt: row.createdAt,
        updatedAt: publicUpdatedAt(row, builtAt),
      },
    ];
  });
}
