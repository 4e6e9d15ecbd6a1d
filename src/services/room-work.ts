import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Tx } from '../db/client.ts';
import type { DomainEvent } from './context.ts';
import type { CadenceReminder } from './cadence/cadence-reminders.ts';
import type { OverdueFollowUp } from './followup/overdue-reminders.ts';

/** The platforms that keep crisis rooms: each does its own room work. */
export type RoomPlatform = 'slack' | 'teams';

/**
 * What a crisis room is to be brought up to date with, as a room job's payload: the domain events
 * a room acts on, a draft's card to show its deliveries' progress, and notices for operations.
 */
type ChangeEvent = Extract<
  DomainEvent,
  { type: 'incident_declared' | 'incident_changed' | 'commander_changed' | 'role_assigned' | 'draft_created' | 'draft_changed' | 'publication_created' }
>;
export type RoomEvent =
  | ChangeEvent
  | { type: 'delivery_failed'; incidentId: number; deliveryId: number }
  /** Room work given up for good: said in the room, or to operations when there is no room. */
  | { type: 'room_work_failed'; incidentId: number; what: string; reason: string /** What it leaves, when not the room's own work. */; outcome?: string }
  | { type: 'card_progress'; incidentId: number; draftId: number }
  /** The next public update due soon or overdue, or the incident quiet for long: said in its room. */
  | CadenceReminder
  /** The day's reminder of the incident's follow-ups past their due day, naming their owners. */
  | { type: 'followups_overdue'; incidentId: number; followUps: OverdueFollowUp[]; day: string }
  | Extract<DomainEvent, { type: 'clock_trust_changed' }>;

export const roomJobKind = (platform: RoomPlatform) => `room.${platform}`;

/**
 * Where the command that causes room work was typed, as its platform describes it: work that cannot
 * be done in a room (there is none yet, or it was refused) answers the person who acted there.
 * Set by a platform's listener around a command's handling, so the core knows nothing of platforms.
 */
export const commandOrigins = new AsyncLocalStorage<{ platform: RoomPlatform; origin: unknown }>();

/** A room job's payload: the event, and where the command causing it was typed, on that platform. */
export type RoomJobPayload = RoomEvent & { origin?: unknown };

/** The room's queue: its work is done in the order it was recorded; rooms do not wait for each other. */
function queueOf(platform: RoomPlatform, event: RoomEvent): string {
  return `room:${platform}:${'incidentId' in event ? event.incidentId : 'operations'}`;
}

/** Edits of one message: the newest state shown once makes the earlier pending edits redundant. */
function coalesceKeyOf(event: RoomEvent): string | null {
  switch (event.type) {
    case 'incident_changed':
    case 'publication_created':
      return 'briefing';
    case 'draft_changed':
    case 'card_progress':
      return `card:${event.draftId}`;
    default:
      return null;
  }
}

/** The room events among what a change emitted. */
export function roomEventsOf(events: readonly DomainEvent[]): RoomEvent[] {
  const changes: readonly string[] = [
    'incident_declared',
    'incident_changed',
    'commander_changed',
    'role_assigned',
    'draft_created',
    'draft_changed',
    'publication_created',
  ] satisfies ChangeEvent['type'][];
  return events.filter((event): event is ChangeEvent => changes.includes(event.type));
}

/**
 * Records the room work a change causes, in the change's own transaction: once the change is
 * there, so is the work that brings every crisis room up to date with it, whatever happens next.
 */
export async function recordRoomWork(
  tx: Tx,
  platforms: readonly RoomPlatform[],
  events: readonly RoomEvent[],
  from = commandOrigins.getStore(),
): Promise<number> {
  const data = platforms.flatMap((platform) => {
    const origin = from?.platform === platform ? { origin: from.origin } : {};
    return events.map((event) => ({
      kind: roomJobKind(platform),
      queue: queueOf(platform, event),
      payload: JSON.stringify({ ...event, ...origin }),
      coalesceKey: coalesceKeyOf(event),
    }));
  });
  if (data.length > 0) await tx.job.createMany({ data });
  return data.length;
}

/**
 * Marks the pending jobs of `job`'s queue and coalescing key recorded after it as done by it: it
 * is about to read the state they would show, which includes their changes (they committed first).
 */
export async function foldLaterEdits(db: Database, job: { id: number; queue: string; coalesceKey: string | null }): Promise<number> {
  if (job.coalesceKey === null) return 0;
  const { count } = await db.prisma.job.updateMany({
    where: { queue: job.queue, coalesceKey: job.coalesceKey, state: 'pending', id: { gt: job.id }, claimedBy: null },
    data: { state: 'done', result: JSON.stringify({ foldedInto: job.id }) },
  });
  return count;
}

/** What a room job does, as the people in the incident would say it. */
function describeRoomEvent(event: RoomEvent): string {
  switch (event.type) {
    case 'incident_declared':
      return 'opening the crisis room';
    case 'incident_changed':
    case 'publication_created':
      return 'updating the briefing';
    case 'commander_changed':
      return `adding ${event.commanderName}, the new commander, to the room`;
    case 'role_assigned':
      return `adding ${event.personName}, the new ${event.title}, to the room`;
    case 'draft_created':
      return 'posting an approval card';
    case 'draft_changed':
    case 'card_progress':
      return 'updating an approval card';
    case 'delivery_failed':
      return 'telling the room of a failed delivery';
    case 'room_work_failed':
      return 'telling of room work given up';
    case 'followups_overdue':
      return 'reminding owners of overdue follow-ups';
    case 'cadence_reminder':
      return 'reminding the room of the next public update';
    case 'clock_trust_changed':
      return 'telling operations about the clock';
  }
}

export interface RoomWorkState {
  platform: RoomPlatform;
  what: string;
  state: 'pending' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
}

/** The room work of an incident not yet done, or given up: what `summary` shows as still owed. */
export async function unfinishedRoomWork(db: Database, incidentId: number): Promise<RoomWorkState[]> {
  const platforms: RoomPlatform[] = ['slack', 'teams'];
  const jobs = await db.prisma.job.findMany({
    where: { queue: { in: platforms.map((platform) => `room:${platform}:${incidentId}`) }, state: { in: ['pending', 'failed'] } },
    orderBy: { id: 'asc' },
  });
  return jobs.map((job) => ({
    platform: job.kind.slice('room.'.length) as RoomPlatform,
    what: describeRoomEvent(JSON.parse(job.payload) as RoomEvent),
    state: job.state as 'pending' | 'failed',
    attempts: job.attempts,
    lastError: job.lastError,
    nextAttemptAt: job.nextAttemptAt,
  }));
}

/** Records room work outside any change of the incident's (a card's progress, a notice), and commits it. */
export function recordRoomWorkNow(db: Database, platforms: readonly RoomPlatform[], event: RoomEvent): Promise<number> {
  return db.transaction((tx) => recordRoomWork(tx, platforms, [event]));
}

/** A failed delivery's room event: which incident's room is to be told. */
export async function deliveryFailedEvent(tx: Tx, deliveryId: number): Promise<RoomEvent> {
  const delivery = await tx.delivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { publication: { select: { incidentId: true } } } });
  return { type: 'delivery_failed', incidentId: delivery.publication.incidentId, deliveryId };
}

/** When room work is given up, the room (or operations) is told, by room work of its own, recorded with the giving up. */
export async function recordGivenUpRoomWork(tx: Tx, job: { kind: string; payload: string; lastError: string | null }): Promise<void> {
  if (!job.kind.startsWith('room.')) return;
  const event = JSON.parse(job.payload) as RoomJobPayload;
  // Notices are not told of in turn: that could go on for ever.
  if (
    !('incidentId' in event) ||
    event.type === 'room_work_failed' ||
    event.type === 'delivery_failed' ||
    event.type === 'followups_overdue' ||
    event.type === 'cadence_reminder'
  )
    return;
  const platform = job.kind.slice('room.'.length) as RoomPlatform;
  // Told where the person whose command caused the work will see it, when that is known.
  const origin = event.origin === undefined ? undefined : { platform, origin: event.origin };
  await recordRoomWork(
    tx,
    [platform],
    [{ type: 'room_work_failed', incidentId: event.incidentId, what: describeRoomEvent(event), reason: job.lastError ?? 'no reason given' }],
    origin,
  );
}
