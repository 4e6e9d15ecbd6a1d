import { actorKey } from '../domain/actor.ts';
import { CrisisError } from '../domain/errors.ts';
import { draftId, incidentId } from '../domain/incident.ts';
import { formatDateTime } from '../time/format.ts';
import type { Ctx } from './context.ts';

/**
 * Who may decide a draft: the incident's current commander or a configured approver; with four-eyes
 * approval, never its own author. A draft already decided stays decided.
 */
export function assertMayDecide(
  ctx: Ctx,
  incident: { id: number; commanderId: string; commanderName: string },
  draft: { number: number; authorId: string; state: string; decidedByName: string | null },
  verb: 'approve' | 'reject',
): void {
  const me = actorKey(ctx.actor);
  if (incident.commanderId !== me && !ctx.config.approval.approvers.includes(me)) {
    throw new CrisisError('forbidden', `Only the commander of ${incidentId(incident.id)} (${incident.commanderName}) can ${verb} ${draftId(draft.number)}.`);
  }
  if (ctx.config.approval.fourEyes && draft.authorId === me) {
    throw new CrisisError('forbidden', `Four-eyes approval is on: you wrote ${draftId(draft.number)}, so someone else must ${verb} it.`);
  }
}

export function alreadyDecided(ctx: Ctx, draft: { number: number; state: string; decidedByName: string | null; decidedAt: Date | null }): CrisisError {
  const when = draft.decidedAt ? ` at ${formatDateTime(draft.decidedAt, ctx.actor.timeZone ?? ctx.config.statusPage.timeZone)}` : '';
  return new CrisisError('conflict', `${draftId(draft.number)} was already ${draft.state} by ${draft.decidedByName ?? 'someone'}${when}; nothing changed.`);
}
