import type { Tx } from '../../db/client.ts';
import { actorKey } from '../../domain/actor.ts';
import { CrisisError } from '../../domain/errors.ts';
import { draftId, incidentId } from '../../domain/incident.ts';
import { commanderRole, rolesOf } from '../../domain/roles.ts';
import { formatDateTime } from '../../time/format.ts';
import type { Ctx } from '../context.ts';
import { readingZone } from '../reading-zone.ts';
import { targetDraft, targetIncident } from '../lookup.ts';

/**
 * Who may decide a draft: the holders of the roles that may approve (the commander and the
 * communications lead, unless the configuration says otherwise) and the configured approvers; with
 * four-eyes approval, never its own author.
 */
export async function assertMayDecide(
  tx: Tx,
  ctx: Ctx,
  incident: { id: number; commanderId: string; commanderName: string },
  draft: { number: number; authorId: string },
  verb: 'approve' | 'reject' | 'edit',
): Promise<void> {
  const me = actorKey(ctx.actor);
  const approving = rolesOf(ctx.config.roles).filter((role) => role.mayApprove);
  const commanderMay = approving.some((role) => role.name === commanderRole);
  const byCommanderOrList = (commanderMay && incident.commanderId === me) || ctx.config.approval.approvers.includes(me);
  // The other roles' holders are read only when needed: the commander deciding is the usual case.
  const holders = byCommanderOrList
    ? []
    : await tx.incidentRole.findMany({ where: { incidentId: incident.id, role: { in: approving.map((role) => role.name) } } });
  if (!byCommanderOrList && !holders.some((row) => row.personId === me)) {
    const title = (name: string) => approving.find((role) => role.name === name)!.title;
    const who = [
      ...(commanderMay ? [`the commander of ${incidentId(incident.id)} (${incident.commanderName})`] : []),
      ...holders.map((row) => `its ${title(row.role)} (${row.personName})`),
    ];
    const only = who.length > 0 ? who.join(' or ') : `an approver of ${incidentId(incident.id)}`;
    throw new CrisisError('forbidden', `Only ${only} can ${verb} ${draftId(draft.number)}.`);
  }
  if (ctx.config.approval.fourEyes && draft.authorId === me && verb !== 'edit') {
    throw new CrisisError('forbidden', `Four-eyes approval is on: you wrote ${draftId(draft.number)}, so someone else must ${verb} it.`);
  }
}

function alreadyDecided(ctx: Ctx, draft: { number: number; state: string; decidedByName: string | null; decidedAt: Date | null }): CrisisError {
  const when = draft.decidedAt ? ` at ${formatDateTime(draft.decidedAt, readingZone(ctx))}` : '';
  return new CrisisError('conflict', `${draftId(draft.number)} was already ${draft.state} by ${draft.decidedByName ?? 'someone'}${when}; nothing changed.`);
}

/**
 * Decides a draft once: finds it, checks the decider, and moves it out of "pending" with a guard on
 * that state, so a double click or two deciders racing change it exactly once.
 */
export async function decideDraft(
  tx: Tx,
  ctx: Ctx,
  now: Date,
  input: { incident?: number; draft?: number },
  decision: { state: 'approved' | 'rejected'; rejectReason?: string | null },
) {
  const incident = await targetIncident(tx, ctx, input.incident);
  const draft = await targetDraft(tx, incident, input.draft);
  await assertMayDecide(tx, ctx, incident, draft, decision.state === 'approved' ? 'approve' : 'reject');
  if (draft.state !== 'pending') throw alreadyDecided(ctx, draft);
  const { count } = await tx.publicDraft.updateMany({
    where: { id: draft.id, state: 'pending' },
    data: { ...decision, decidedById: actorKey(ctx.actor), decidedByName: ctx.actor.name, decidedAt: now },
  });
  if (count === 0) throw new CrisisError('conflict', `${draftId(draft.number)} was decided by someone else a moment ago; nothing changed.`);
  return { incident, draft: { ...draft, state: decision.state } };
}

/**
 * Checks, without changing anything, that the actor may decide (or edit) a draft still pending:
 * what a chat button asks before it opens a form.
 */
export async function assertDecider(ctx: Ctx, ref: { incident: number; draft: number }, verb: 'approve' | 'reject' | 'edit') {
  const incident = await targetIncident(ctx.db.prisma, ctx, ref.incident);
  const draft = await targetDraft(ctx.db.prisma, incident, ref.draft);
  await assertMayDecide(ctx.db.prisma, ctx, incident, draft, verb);
  if (draft.state !== 'pending') throw alreadyDecided(ctx, draft);
  return draft;
}
