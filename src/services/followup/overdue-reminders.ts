/**
 * Owners are reminded of follow-ups past their due day: once a day, at the configured time of the
 * reminders' zone, a notice in each incident's room names its overdue follow-ups and their owners.
 * The day of the reminder is written on each follow-up with the room work that says it, so a
 * reminder is said once a day at most, whatever the number of replicas or restarts.
 */
import type { AppConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { todayIn } from '../../time/calendar-day.ts';
import type { Clock } from '../../time/clock.ts';
import { fieldsOfWall, pad, wallAt } from '../../time/zone.ts';
import { type RoomPlatform, recordRoomWork } from '../room-work.ts';

export interface OverdueFollowUp {
  id: number;
  text: string;
  /** The owner's actor key ("slack:U024BE7LH"): a room on that platform mentions them. */
  ownerId: string | null;
  ownerName: string | null;
  due: string;
}

interface ReminderDeps {
  db: Database;
  clock: Clock;
  config: Pick<AppConfig, 'followUps' | 'statusPage'>;
  roomPlatforms: readonly RoomPlatform[];
}

/** The day whose reminders are due at `now`: the zone's today once its time of day is past `remindAt`; null before. */
export function reminderDay(now: Date, remindAt: string, zone: string): string | null {
  const { hour, minute } = fieldsOfWall(wallAt(now, zone));
  return `${pad(hour)}:${pad(minute)}` >= remindAt ? todayIn(now, zone) : null;
}

/**
 * Records today's reminders not yet recorded, one room notice per incident; nothing while the clock
 * is not trusted (it decides what day it is) or before the time of day. Returns the incidents reminded.
 */
export async function recordOverdueReminders({ db, clock, config, roomPlatforms }: ReminderDeps): Promise<number[]> {
  const { remindAt } = config.followUps;
  if (remindAt === null || roomPlatforms.length === 0 || !clock.trust().trusted) return [];
  const zone = config.followUps.timeZone ?? config.statusPage.timeZone;
  const day = reminderDay(clock.now(), remindAt, zone);
  if (day === null) return [];
  const notYet = { state: 'open', due: { lt: day }, OR: [{ remindedOn: null }, { remindedOn: { lt: day } }] };
  return db.transaction(async (tx) => {
    const candidates = await tx.followUp.findMany({ where: notYet, orderBy: { id: 'asc' } });
    const byIncident = new Map<number, OverdueFollowUp[]>();
    for (const row of candidates) {
      // Conditional, row by row: a replica that got there first leaves nothing to claim.
      const { count } = await tx.followUp.updateMany({ where: { id: row.id, ...notYet }, data: { remindedOn: day } });
      if (count === 0 || row.due === null) continue;
      const { id, text, ownerId, ownerName, due } = row;
      byIncident.set(row.incidentId, [...(byIncident.get(row.incidentId) ?? []), { id, text, ownerId, ownerName, due }]);
    }
    const events = [...byIncident].map(([incidentId, followUps]) => ({ type: 'followups_overdue' as const, incidentId, followUps, day }));
    await recordRoomWork(tx, roomPlatforms, events);
    return [...byIncident.keys()];
  });
}
