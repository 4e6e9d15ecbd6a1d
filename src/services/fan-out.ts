import type { Tx } from '../db/client.ts';
import type { Ctx } from './context.ts';
import { channelTarget, subscribersOf } from './subscriptions.ts';

/**
 * Every target one publication goes to, named for its delivery row: the process-wide targets (the
 * status page, Atlassian Statuspage) and, for updates, each subscriber interested in the incident.
 * An incident report is read on the status page; subscribers already had the incident's updates.
 */
export async function fanOutTargets(tx: Tx, ctx: Ctx, incidentId: number, kind: string): Promise<string[]> {
  if (kind === 'report') return [...ctx.deliveryTargets];
  const channels = await subscribersOf(tx, incidentId);
  return [...ctx.deliveryTargets, ...channels.map((channel) => channelTarget(channel.id))];
}
