/**
 * Follow-up actions: what is to be done after an incident, by whom and by when. Each is numbered
 * across all incidents (F12) and belongs to one; adding one and marking it done or open again are on
 * that incident's timeline and in the audit log. With a tracker configured, the work of creating its
 * issue there is recorded in the transaction that adds it (tracker-issues.ts).
 */
import { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { actorKey } from '../../domain/actor.ts';
import { CrisisError } from '../../domain/errors.ts';
import { followUpId } from '../../domain/follow-up.ts';
import { keptAsTyped } from '../../domain/text.ts';
import { readDueDay } from '../../time/calendar-day.ts';
import { formatDateTime } from '../../time/format.ts';
import type { Ctx } from '../context.ts';
import { incidentToRead, parseInput } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';
import { readingZone } from '../reading-zone.ts';
import { recordTrackerWork } from './tracker-issues.ts';

/** As long as a note may be; one line, since lists show each follow-up on a line of its own. */
const followUpTextLimit = 4000;

export const AddFollowUpInput = z.object({
  incident: z.number().int().positive().optional(),
  text: z.string().trim().min(1, 'a follow-up needs text').max(followUpTextLimit).superRefine(keptAsTyped('follow-up', 'line')),
  /** The owner as the adapter resolved them, on the same platform as the person adding it. */
  owner: z.object({ id: z.string().trim().min(1), name: z.string().trim().min(1).max(100) }).optional(),
  /** The due day as typed (`2021-09-30`, `friday`, `in 3 days`), read in the person's zone. */
  due: z.string().trim().min(1).max(100).optional(),
  /** Named in the customer incident report's "what we will do". */
  public: z.boolean().default(false),
});

const FollowUpRef = z.object({ followUp: z.number().int().positive() });

/** "F3 Add an alert on queue depth (owner bob, due 2021-09-30, public)": how the timeline and the audit name it. */
function described(row: { id: number; text: string; ownerName: string | null; due: string | null; public: boolean }): string {
  const details = [row.ownerName && `owner ${row.ownerName}`, row.due && `due ${row.due}`, row.public && 'public'].filter(Boolean);
  return `${followUpId(row.id)} ${row.text}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

/** Adds a follow-up to the incident typed, else the room's, else the only open one, else the latest this person worked on. */
export async function addFollowUp(ctx: Ctx, input: z.input<typeof AddFollowUpInput>) {
  const { incident: ref, text, owner, due, public: isPublic } = parseInput(AddFollowUpInput, input);
  const zone = readingZone(ctx);
  return mutate(ctx, async (tx, now) => {
    const dueDay = due === undefined ? undefined : readDueDay(due, now, zone);
    if (dueDay && !dueDay.ok) throw new CrisisError('invalid_input', dueDay.error);
    const incident = await incidentToRead(tx, ctx, ref);
    const row = await tx.followUp.create({
      data: {
        incidentId: incident.id,
        text,
        ownerId: owner ? actorKey({ platform: ctx.actor.platform, id: owner.id }) : null,
        ownerName: owner?.name ?? null,
        due: dueDay?.day ?? null,
        public: isPublic,
        createdById: actorKey(ctx.actor),
        createdByName: ctx.actor.name,
        createdAt: now,
      },
    });
    await recordTrackerWork(tx, ctx, row.id);
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'followup_added',
      text: `Follow-up ${described(row)}`,
      detail: { followUp: followUpId(row.id), owner: row.ownerId, due: row.due, public: row.public },
    });
    return { result: row, events: [{ type: 'incident_changed', incidentId: incident.id }] };
  });
}

async function existing(tx: Tx, id: number) {
  const row = await tx.followUp.findUnique({ where: { id } });
  if (!row) throw new CrisisError('not_found', `${followUpId(id)} does not exist (see /incident followup list).`);
  return row;
}

/** Marks a follow-up done, by whom and when; one done already is left as it was, and the person told by whom and when. */
export async function completeFollowUp(ctx: Ctx, input: z.input<typeof FollowUpRef>) {
  const { followUp: id } = parseInput(FollowUpRef, input);
  const zone = readingZone(ctx);
  return mutate(ctx, async (tx, now) => {
    const found = await existing(tx, id);
    if (found.state === 'done') {
      const when = found.doneAt ? ` at ${formatDateTime(found.doneAt, zone)}` : '';
      throw new CrisisError('conflict', `${followUpId(id)} was already done, by ${found.doneByName ?? 'someone'}${when}.`);
    }
    // The condition makes a concurrent `done` of the same follow-up change nothing twice.
    const { count } = await tx.followUp.updateMany({
      where: { id, state: 'open' },
      data: { state: 'done', doneAt: now, doneById: actorKey(ctx.actor), doneByName: ctx.actor.name },
    });
    if (count === 0) throw new CrisisError('conflict', `${followUpId(id)} was changed by someone else just now; look at /incident followup list.`);
    await recordOnTimeline(tx, ctx, now, found.incidentId, {
      kind: 'followup_done',
      text: `Follow-up ${followUpId(id)} done: ${found.text}`,
      detail: { followUp: followUpId(id) },
    });
    const row = await tx.followUp.findUniqueOrThrow({ where: { id } });
    return { result: row, events: [{ type: 'incident_changed', incidentId: found.incidentId }] };
  });
}

/** Opens a follow-up marked done by mistake, or found not done after all; who had marked it done stays in the timeline. */
export async function reopenFollowUp(ctx: Ctx, input: z.input<typeof FollowUpRef>) {
  const { followUp: id } = parseInput(FollowUpRef, input);
  return mutate(ctx, async (tx, now) => {
    const found = await existing(tx, id);
    if (found.state === 'open') throw new CrisisError('conflict', `${followUpId(id)} is open already.`);
    const { count } = await tx.followUp.updateMany({
      where: { id, state: 'done' },
      data: { state: 'open', doneAt: null, doneById: null, doneByName: null },
    });
    if (count === 0) throw new CrisisError('conflict', `${followUpId(id)} was changed by someone else just now; look at /incident followup list.`);
    await recordOnTimeline(tx, ctx, now, found.incidentId, {
      kind: 'followup_reopened',
      text: `Follow-up ${followUpId(id)} open again: ${found.text}`,
      detail: { followUp: followUpId(id), doneBy: found.doneById },
    });
    const row = await tx.followUp.findUniqueOrThrow({ where: { id } });
    return { result: row, events: [{ type: 'incident_changed', incidentId: found.incidentId }] };
  });
}
