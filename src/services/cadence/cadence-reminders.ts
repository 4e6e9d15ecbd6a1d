/**
 * The update cadence's reminders, found by looking (see app/periodic.ts): for each open incident,
 * the reminder due now (domain/cadence.ts), recorded once with the room work that says it. A
 * Reminder row per incident, kind and instant makes each one said once, whatever the number of
 * replicas or restarts; while the clock is not trusted nothing is looked for.
 */
import type { AppConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { type DueReminder, type ReminderKind, cadenceReminder, idleReminder, nextUpdateDue, periodOf } from '../../domain/cadence.ts';
import type { Clock } from '../../time/clock.ts';
import { type RoomPlatform, recordRoomWork } from '../room-work.ts';

interface Person {
  id: string;
  name: string;
}

/** What a room is told: the reminder, who is named in it, and what it can offer (a draft waiting, the cadence). */
export interface CadenceReminder {
  type: 'cadence_reminder';
  incidentId: number;
  kind: ReminderKind;
  /** ISO instants: when the next update is due, when the incident went quiet. */
  dueAt: string | null;
  quietSince: string;
  periodMinutes: number | null;
  severity: number;
  commander: Person;
  communications: Person | null;
  pendingDrafts: number[];
}

interface CadenceDeps {
  db: Database;
  clock: Clock;
  config: Pick<AppConfig, 'cadence'>;
  roomPlatforms: readonly RoomPlatform[];
}

/** Records the reminders due now not said yet; returns the incidents reminded. */
export async function recordCadenceReminders({ db, clock, config, roomPlatforms }: CadenceDeps): Promise<number[]> {
  if (roomPlatforms.length === 0 || !clock.trust().trusted) return [];
  const now = clock.now();
  const p = db.prisma;
  const open = await p.incident.findMany({ where: { status: { not: 'resolved' } }, orderBy: { id: 'asc' } });
  if (open.length === 0) return [];
  const ids = { in: open.map((incident) => incident.id) };
  const [published, activity, communications, pending] = await Promise.all([
    p.publication.groupBy({ by: ['incidentId'], where: { incidentId: ids, kind: 'update' }, _max: { publishedAt: true } }),
    p.timelineEntry.groupBy({ by: ['incidentId'], where: { incidentId: ids }, _max: { recordedAt: true } }),
    p.incidentRole.findMany({ where: { incidentId: ids, role: 'communications' } }),
    p.publicDraft.findMany({ where: { incidentId: ids, state: 'pending' }, orderBy: { number: 'asc' }, select: { incidentId: true, number: true } }),
  ]);
  const reminded: number[] = [];
  for (const incident of open) {
    const lastPublished = published.find((row) => row.incidentId === incident.id)?._max.publishedAt ?? null;
    const quietSince = activity.find((row) => row.incidentId === incident.id)?._max.recordedAt ?? incident.declaredAt;
    const period = periodOf(config.cadence, incident.severity);
    const dueAt = nextUpdateDue(config.cadence, incident, lastPublished);
    const snoozed = incident.cadenceSnoozedUntil;
    const lead = communications.find((row) => row.incidentId === incident.id);
    const event = (kind: ReminderKind): CadenceReminder => ({
      type: 'cadence_reminder',
      incidentId: incident.id,
      kind,
      dueAt: dueAt?.toISOString() ?? null,
      quietSince: quietSince.toISOString(),
      periodMinutes: period === null ? null : period / 60_000,
      severity: incident.severity,
      commander: { id: incident.commanderId, name: incident.commanderName },
      communications: lead ? { id: lead.personId, name: lead.personName } : null,
      pendingDrafts: pending.filter((draft) => draft.incidentId === incident.id).map((draft) => draft.number),
    });
    const due = [
      dueAt && period !== null ? cadenceReminder(config.cadence, now, dueAt, period, snoozed) : null,
      idleReminder(config.cadence, now, quietSince, snoozed),
    ].filter((reminder): reminder is DueReminder => reminder !== null);
    for (const reminder of due) if (await recordOnce(db, roomPlatforms, incident.id, reminder, now, event(reminder.kind))) reminded.push(incident.id);
  }
  return reminded;
}

/** Records one reminder and its room work, unless it was recorded before (here or by another replica). */
async function recordOnce(db: Database, platforms: readonly RoomPlatform[], incidentId: number, reminder: DueReminder, now: Date, event: CadenceReminder) {
  const key = { incidentId, kind: reminder.kind, dueAt: reminder.at };
  try {
    return await db.transaction(async (tx) => {
      if (await tx.reminder.findUnique({ where: { incidentId_kind_dueAt: key } })) return false;
      await tx.reminder.create({ data: { ...key, remindedAt: now } });
      await recordRoomWork(tx, platforms, [event]);
      return true;
    });
  } catch (error) {
    // Another replica recorded it between the look and the write: it is said once, by that one.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
