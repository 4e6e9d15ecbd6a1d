import type { Tx } from '../../db/client.ts';
import type { Ctx } from '../context.ts';
import { emailSubscribersOf } from '../../db/stores/email-deliveries.ts';
import { emailTarget } from '../../domain/targets.ts';
import { subscribersOf } from '../subscription/subscriptions.ts';
import { channelTarget, parentTarget } from '../../domain/targets.ts';
import { webhookTarget } from '../../domain/webhook.ts';
import { webhooksOf } from '../webhook/webhooks.ts';

/**
 * The channels whose post of the incident an update will have to edit: those that have it, and
 * those whose first post is still on its way from an earlier update (it will show that update's
 * state). In any other channel this update's own delivery makes the post, already showing it.
 */
async function channelsWithPosts(tx: Tx, incidentId: number, subscriptionIds: number[]): Promise<Set<number>> {
  if (subscriptionIds.length === 0) return new Set();
  const [threads, pending] = await Promise.all([
    tx.channelThread.findMany({ where: { incidentId, subscriptionId: { in: subscriptionIds } }, select: { subscriptionId: true } }),
    tx.delivery.findMany({
      where: { state: 'pending', target: { in: subscriptionIds.map(channelTarget) }, publication: { incidentId } },
      select: { target: true },
    }),
  ]);
  return new Set([...threads.map((t) => t.subscriptionId), ...pending.map((d) => Number(d.target.split(':')[1]))]);
}

/**
 * Every target one publication goes to, named for its delivery row: the process-wide targets (the
 * status page, Atlassian Statuspage) and each subscriber interested in the incident. An incident
 * report reaches them all too (customer channels unless `reports.customerChannels` is off, with a
 * short post of its own), but moves no channel's post of the incident: that shows the updates.
 */
export async function fanOutTargets(tx: Tx, ctx: Ctx, incidentId: number, kind: string): Promise<string[]> {
  const report = kind === 'report';
  const channels = report && !ctx.config.reports.customerChannels ? [] : await subscribersOf(tx, incidentId);
  const addresses = ctx.emailUpdates ? await emailSubscribersOf(tx, incidentId) : [];
  const webhooks = await webhooksOf(tx, incidentId);
  const editable = report
    ? new Set<number>()
    : await channelsWithPosts(
        tx,
        incidentId,
        channels.map((c) => c.id),
      );
  // The edits of channels' posts come last, in claim order too: nobody waits for them, and claimed
  // among the replies each would take a worker's turn from one only to be told to wait its own.
  return [
    ...ctx.deliveryTargets,
    ...channels.map((channel) => channelTarget(channel.id)),
    ...addresses.map((subscriber) => emailTarget(subscriber.id)),
    ...webhooks.map((endpoint) => webhookTarget(endpoint.id)),
    ...channels.filter((channel) => editable.has(channel.id)).map((channel) => parentTarget(channel.id)),
  ];
}
