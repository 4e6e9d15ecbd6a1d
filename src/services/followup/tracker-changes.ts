import { CrisisError } from '../../domain/errors.ts';
import { type TrackerKind, trackerNames } from '../../trackers/tracker.ts';
import type { Ctx } from '../context.ts';
import { completeFollowUp, reopenFollowUp } from './follow-ups.ts';

/** An issue closed or reopened in the tracker, as its verified webhook said. */
export interface TrackerChange {
  kind: TrackerKind;
  key: string;
  action: 'closed' | 'reopened';
  /** Who did it there: the GitHub login, the Jira account's name. */
  by: string;
  /** The tracker's id of this delivery of the webhook: a redelivery changes nothing the second time. */
  deliveryId: string;
}

/**
 * Marks the follow-up linked to the issue done (closed) or open (reopened), through the same service
 * as `followup done` and `followup reopen`. An unknown issue, one already in that state, or a
 * redelivered webhook changes nothing; the answer says which.
 */
export async function applyTrackerChange(ctx: Omit<Ctx, 'actor' | 'requestKey'>, change: TrackerChange): Promise<'changed' | 'unknown' | 'unchanged'> {
  const row = await ctx.db.prisma.followUp.findFirst({ where: { trackerKind: change.kind, trackerKey: change.key }, select: { id: true } });
  if (!row) return 'unknown';
  const byCtx: Ctx = {
    ...ctx,
    actor: { platform: 'api', id: `${change.kind}:${change.by}`, name: `${change.by} (${trackerNames[change.kind]})` },
    requestKey: `${change.kind}:${change.deliveryId}`,
  };
  try {
    await (change.action === 'closed' ? completeFollowUp : reopenFollowUp)(byCtx, { followUp: row.id });
    return 'changed';
  } catch (error) {
    if (error instanceof CrisisError && error.code === 'conflict') return 'unchanged';
    throw error;
  }
}
