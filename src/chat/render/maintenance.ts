import type { cancelMaintenance } from '../../services/maintenance/cancel-maintenance.ts';
import type { listMaintenances } from '../../services/maintenance/list-maintenances.ts';
import type { scheduleMaintenance } from '../../services/maintenance/schedule-maintenance.ts';
import { formatDateTimeWindow } from '../../time/format.ts';

type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
type Shown = Result<typeof scheduleMaintenance>;

/** `MNT-1: Database upgrade, 2026-12-01 02:00 GMT-03:00 → 04:00 GMT-03:00 (CRM)` */
function described(maintenance: Shown, zone: string): string {
  const components = maintenance.components.length > 0 ? ` (${maintenance.components.join(', ')})` : '';
  return `${maintenance.label}: ${maintenance.title}, ${formatDateTimeWindow(maintenance.scheduledFor, maintenance.scheduledUntil, zone)}${components}`;
}

export function maintenanceScheduled(maintenance: Shown, zone: string): string {
  const when =
    maintenance.status === 'in_progress'
      ? 'It is in progress on the status page now and completes on time.'
      : 'It shows on the status page now and starts on time.';
  return `Scheduled ${described(maintenance, zone)}. ${when}`;
}

export function maintenanceCancelled({ maintenance, outcome }: Result<typeof cancelMaintenance>, zone: string): string {
  return outcome === 'cancelled'
    ? `Cancelled ${described(maintenance, zone)}. It is no longer on the status page.`
    : `Ended ${described(maintenance, zone)}: it was in progress, so it now shows as completed.`;
}

const statusWords: Record<Shown['status'], string> = {
  scheduled: 'scheduled',
  in_progress: 'in progress',
  verifying: 'verifying',
  completed: 'completed',
  cancelled: 'cancelled',
};

export function renderMaintenanceList(maintenances: Result<typeof listMaintenances>, zone: string): string {
  if (maintenances.length === 0) return 'No maintenance scheduled, in progress or completed in the last 14 days.';
  return [
    'Maintenance (upcoming, in progress, completed in the last 14 days):',
    ...maintenances.map((m) => `${described(m, zone)} · ${statusWords[m.status]}`),
  ].join('\n');
}
