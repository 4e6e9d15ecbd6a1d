/**
 * Scheduled maintenance: a window announced ahead of time. Its status is never stored; it follows from
 * the clock, so the page changes exactly at the window's start and end without anyone acting.
 */

/** Statuspage's maintenance statuses; crisisroom itself never sets `verifying`. */
const maintenanceStatuses = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof maintenanceStatuses)[number];

export interface MaintenanceWindow {
  scheduledFor: Date;
  scheduledUntil: Date;
  /** Cancelled before it started: gone from the page. */
  cancelledAt?: Date | null;
}

/** The human id of a maintenance: MNT-<n>. */
export function maintenanceId(number: number): string {
  return `MNT-${number}`;
}

/** Scheduled before its start, in progress from its start, completed from its end (both instants included). */
export function maintenanceStatus(m: MaintenanceWindow, now: Date): MaintenanceStatus | 'cancelled' {
  if (m.cancelledAt) return 'cancelled';
  const at = now.getTime();
  if (at < m.scheduledFor.getTime()) return 'scheduled';
  if (at < m.scheduledUntil.getTime()) return 'in_progress';
  return 'completed';
}

/**
 * The next instant after `now` at which some maintenance changes status (a start or an end), or null
 * when none will: the moment to rebuild the status page so that it changes on time.
 */
export function nextBoundary(maintenances: readonly MaintenanceWindow[], now: Date): Date | null {
  let next: number | null = null;
  for (const m of maintenances) {
    if (m.cancelledAt) continue;
    for (const boundary of [m.scheduledFor.getTime(), m.scheduledUntil.getTime()]) {
      if (boundary > now.getTime() && (next === null || boundary < next)) next = boundary;
    }
  }
  return next === null ? null : new Date(next);
}

/** When the public record last changed: an edit, or the start or end once it has passed. */
export function publicUpdatedAt(m: MaintenanceWindow & { updatedAt: Date }, now: Date): Date {
  const passed = [m.scheduledFor, m.scheduledUntil].filter((instant) => instant.getTime() <= now.getTime());
  return new Date(Math.max(m.updatedAt.getTime(), ...passed.map((instant) => instant.getTime())));
}
