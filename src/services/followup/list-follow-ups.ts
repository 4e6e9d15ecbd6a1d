import { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { actorKey } from '../../domain/actor.ts';
import type { Ctx } from '../context.ts';
import { incidentToRead, parseInput } from '../lookup.ts';

/** More lines than this make a chat reply no one reads; the rest are counted. */
const shownLimit = 50;

export const ListFollowUpsInput = z.object({
  /** One incident's; without it, every incident's. */
  incident: z.number().int().positive().optional(),
  open: z.boolean().default(false),
  /** Owned by the person asking. */
  mine: z.boolean().default(false),
});

/**
 * Follow-ups across incidents, or of the one named, the latest `shownLimit` of them in the order they
 * were added, with how many matched in all and the verified clock's `now`, which tells the overdue ones.
 */
export async function listFollowUps(ctx: Ctx, input: z.input<typeof ListFollowUpsInput>) {
  const { incident: ref, open, mine } = parseInput(ListFollowUpsInput, input);
  const p = ctx.db.prisma;
  const incident = ref === undefined ? undefined : await incidentToRead(p, ctx, ref);
  const where = {
    ...(incident ? { incidentId: incident.id } : {}),
    ...(open ? { state: 'open' } : {}),
    ...(mine ? { ownerId: actorKey(ctx.actor) } : {}),
  };
  const [rows, total] = await Promise.all([p.followUp.findMany({ where, orderBy: { id: 'desc' }, take: shownLimit }), p.followUp.count({ where })]);
  return { followUps: rows.reverse(), total, incident: incident?.id, open, mine, now: ctx.clock.now() };
}

/** An incident's open follow-ups, for its briefing. */
export function openFollowUps(tx: Tx, incidentId: number) {
  return tx.followUp.findMany({ where: { incidentId, state: 'open' }, orderBy: { id: 'asc' } });
}
