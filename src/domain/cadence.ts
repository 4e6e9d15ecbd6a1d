/**
 * The update cadence: while an incident is open, customers hear from us every so often, by severity.
 * The next public update is due one period after the latest one published, or after the declaration
 * when none was. The room is reminded shortly before (`soon`), when it is overdue and every period it
 * stays overdue (`overdue`), and when nothing happened on the timeline for long (`idle`). Each
 * reminder is about one instant, so the same one is never said twice.
 */
export interface CadenceSettings {
  sev1: number | null;
  sev2: number | null;
  sev3: number | null;
  sev4: number | null;
  dueSoonMinutes: number;
  idleMinutes: number | null;
}

export type ReminderKind = 'cadence_soon' | 'cadence_overdue' | 'idle';

export interface DueReminder {
  kind: ReminderKind;
  /** The instant it is about: when the update is due, when it became overdue again, when the incident went quiet. */
  at: Date;
}

const minute = 60_000;

/** The time between public updates at this severity, in ms; null when it has no cadence. */
export function periodOf(settings: CadenceSettings, severity: number): number | null {
  const minutes = ({ 1: settings.sev1, 2: settings.sev2, 3: settings.sev3, 4: settings.sev4 } as Record<number, number | null>)[severity] ?? null;
  return minutes === null ? null : minutes * minute;
}

/** When the next public update is due; null when the severity has no cadence. */
export function nextUpdateDue(settings: CadenceSettings, incident: { severity: number; declaredAt: Date }, lastPublished: Date | null): Date | null {
  const period = periodOf(settings, incident.severity);
  return period === null ? null : new Date((lastPublished ?? incident.declaredAt).getTime() + period);
}

/** The latest of `start + k·period` (k ≥ 0) not after now, or the end of a snooze after it. */
function latestStep(start: number, period: number, now: number, snoozedUntil: number | null): number {
  const step = start + Math.floor((now - start) / period) * period;
  return snoozedUntil !== null && snoozedUntil > step && snoozedUntil <= now ? snoozedUntil : step;
}

/** The cadence reminder due at `now`, if any; none while snoozed. */
export function cadenceReminder(settings: CadenceSettings, now: Date, dueAt: Date, period: number, snoozedUntil: Date | null): DueReminder | null {
  const t = now.getTime();
  const snooze = snoozedUntil?.getTime() ?? null;
  if (snooze !== null && t < snooze) return null;
  const due = dueAt.getTime();
  if (t < due - settings.dueSoonMinutes * minute) return null;
  if (t < due) return { kind: 'cadence_soon', at: dueAt };
  return { kind: 'cadence_overdue', at: new Date(latestStep(due, period, t, snooze)) };
}

/** The reminder that the incident went quiet, every idle period it stays so; none while snoozed. */
export function idleReminder(settings: CadenceSettings, now: Date, lastActivity: Date, snoozedUntil: Date | null): DueReminder | null {
  if (settings.idleMinutes === null) return null;
  const t = now.getTime();
  const snooze = snoozedUntil?.getTime() ?? null;
  if (snooze !== null && t < snooze) return null;
  const idle = settings.idleMinutes * minute;
  const quietSince = lastActivity.getTime();
  if (t - quietSince < idle) return null;
  return { kind: 'idle', at: new Date(latestStep(quietSince + idle, idle, t, snooze)) };
}
