import type { Database } from '../db/client.ts';
import { publishedUpdate, recordExternalId } from './drafts.ts';

/** Everything a customer-channel delivery needs, read in one place for the delivery target. */
export function createChannelDeliveries(db: Database) {
  const p = db.prisma;
  return {
    load: async (deliveryId: number, subscriptionId: number) => {
      const delivery = await p.delivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { publication: { include: { incident: { include: { components: true } } } } } });
      const subscription = await p.channelSubscription.findUniqueOrThrow({ where: { id: subscriptionId } });
      const thread = await p.channelThread.findUnique({ where: { subscriptionId_incidentId: { subscriptionId, incidentId: delivery.publication.incidentId } } });
      const publication = delivery.publication;
      return {
        delivery,
        subscription,
        thread,
        incident: publication.incident,
        update: publishedUpdate(publication),
      };
    },
    recordThread: (subscriptionId: number, incidentId: number, parentMessageId: string) =>
      p.channelThread.create({ data: { subscriptionId, incidentId, parentMessageId } }),
    recordExternalId: (deliveryId: number, externalId: string) => recordExternalId(db, deliveryId, externalId),
  };
}

export type ChannelDeliveries = ReturnType<typeof createChannelDeliveries>;
