import type { Tx } from '../db/client.ts';
import { actorKey } from '../domain/actor.ts';
import { CrisisError } from '../domain/errors.ts';
import type { Ctx, DomainEvent } from './context.ts';
import { recordRoomWork, roomEventsOf } from './room-work.ts';

/**
 * Runs one change: refuses while the clock is not trusted (a wrong clock would stamp wrong
 * instants), writes inside one transaction, with the crisis rooms' work it causes, then tells the
 * process what changed once committed.
 */
export async function mutate<T>(ctx: Ctx, work: (tx: Tx, now: Date) => Promise<{ result: T; events: DomainEvent[] }>): Promise<T> {
  const trust = ctx.clock.trust();
  if (!trust.trusted) throw new CrisisError('clock_untrusted', `Refused: this server's clock cannot be trusted right now (${trust.reason}).`);
  const now = ctx.clock.now();
  const { result, events } = await ctx.db.transaction(async (tx) => {
    if (ctx.requestKey !== undefined) await markDone(tx, ctx.requestKey, now);
    const done = await work(tx, now);
    await recordRoomWork(tx, ctx.roomPlatforms ?? [], roomEventsOf(done.events));
    return done;
  });
  for (const event of events) ctx.notify(event);
  return result;
}

/**
 * Marks a request done, in the transaction of the change it makes; refuses one done already (a
 * command taken up again after crisisroom restarted, whose change had been made before the crash).
 */
async function markDone(tx: Tx, requestKey: string, now: Date): Promise<void> {
  const key = `done:${requestKey}`;
  if (await tx.processedRequest.findUnique({ where: { key } })) {
    throw new CrisisError('conflict', 'That was already done before crisisroom restarted; nothing was changed this time.');
  }
  await tx.processedRequest.create({ data: { key, at: now } });
}

export interface TimelineInput {
  kind: string;
  text: string;
  /** When it happened, if not now (a back-dated note, a Slack message's own timestamp). */
  occurredAt?: Date;
  /** A key moment, which the incident report's draft names. */
  key?: boolean;
  detail?: Record<string, unknown>;
}

/**
 * The one way anything reaches an incident's timeline: takes the incident's next sequence number
 * (the order of the timeline, whatever the clocks say) and writes the audit row in the same transaction.
 */
export async function recordOnTimeline(tx: Tx, ctx: Ctx, now: Date, incidentId: number, entry: TimelineInput): Promise<number> {
  const { nextSeq } = await tx.incident.update({
    where: { id: incidentId },
    data: { nextSeq: { increment: 1 }, updatedAt: now },
    select: { nextSeq: true },
  });
  const seq = nextSeq - 1;
  await tx.timelineEntry.create({
    data: {
      incidentId,
      seq,
      kind: entry.kind,
      text: entry.text,
      actorId: actorKey(ctx.actor),
      actorName: ctx.actor.name,
      platform: ctx.actor.platform,
      occurredAt: entry.occurredAt ?? now,
      recordedAt: now,
      key: entry.key ?? false,
    },
  });
  await tx.auditLog.create({
    data: {
      at: now,
      actorId: actorKey(ctx.actor),
      actorName: ctx.actor.name,
      platform: ctx.actor.platform,
      action: entry.kind,
      incidentId,
      detail: JSON.stringify({ seq, text: entry.text, ...(entry.key ? { key: true } : {}), ...entry.detail }),
    },
  });
  return seq;
}

/** The audit row of a change that belongs to no incident (maintenance, say), written in the change's transaction. */
export async function recordAudit(tx: Tx, ctx: Ctx, now: Date, action: string, detail: Record<string, unknown>): Promise<void> {
  await tx.auditLog.create({
    data: { at: now, actorId: actorKey(ctx.actor), actorName: ctx.actor.name, platform: ctx.actor.platform, action, detail: JSON.stringify(detail) },
  });
}
