import type { Tx } from '../db/client.ts';
import type { Ctx } from './context.ts';
import { emailSubscribersOf, emailTarget } from './email-deliveries.ts';
import { channelTarget, subscribersOf } from './subscriptions.ts';
import { webhookTarget } from '../domain/webhook.ts';
import { webhooksOf } from './webhooks.ts';

/**
 * Every target one publication goes to, named for its delivery row: the process-wide targets (the
 * status page, Atlassian Statuspage) and, for updates, each subscriber interested in the incident.
 * An incident report is read on the status page; subscribers already had the incident's updates.
 */
export async function fanOutTargets(tx: Tx, ctx: Ctx, incidentId: number, kind: string): Promise<string[]> {
  if (kind === 'report') return [...ctx.deliveryTargets];
  const channels = await subscribersOf(tx, incidentId);
  const addresses = ctx.emailUpdates ? await emailSubscribersOf(tx, incidentId) : [];
  const webhooks = await webhooksOf(tx, incidentId);
  return [
    ...ctx.deliveryTargets,
    ...channels.map((channel) => channelTarget(channel.id)),
    ...addresses.map((subscriber) => emailTarget(subscriber.id)),
    ...webhooks.map((endpoint) => webhookTarget(endpoint.id)),
  ];
}
