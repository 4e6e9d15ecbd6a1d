import type { ChannelSubscription, ChannelThread, Database, Delivery } from '../client.ts';
import { recordExternalId } from './delivery-rows.ts';
import { type PublishedUpdate, publishedUpdate } from '../../domain/publication.ts';
import type { ReportVersions } from '../../domain/report.ts';
import { reportVersionsOf } from './report-sections.ts';
import { channelTarget } from '../../domain/targets.ts';
import type { DeliveryRow, IncidentRow } from './delivery-rows.ts';

interface ChannelDeliveryRows {
  delivery: DeliveryRow;
  subscription: ChannelSubscription;
  /** The incident's thread in the channel; null until its first post. */
  thread: ChannelThread | null;
  incident: IncidentRow;
  update: PublishedUpdate;
  /** An incident report's sections per language; null for an update. */
  report: ReportVersions | null;
}

export interface ChannelDeliveries {
  load(deliveryId: number, subscriptionId: number): Promise<ChannelDeliveryRows>;
  /**
   * What the parent message of a channel's thread should show now: the incident's newest
   * publication that went to the channel. `channelFailed` tells whether this publication's own
   * channel delivery was given up.
   */
  loadParent(deliveryId: number, subscriptionId: number): Promise<ChannelDeliveryRows & { publicationId: number; channelFailed: boolean }>;
  recordThread(subscriptionId: number, incidentId: number, parentMessageId: string, publicationId: number): Promise<ChannelThread>;
  /** The parent message now shows this publication's state. */
  recordParent(threadId: number, publicationId: number): Promise<ChannelThread>;
  recordExternalId(deliveryId: number, externalId: string): Promise<Delivery>;
}

/** Everything a customer-channel delivery needs, read in one place for the delivery target. */
export function createChannelDeliveries(db: Database): ChannelDeliveries {
  const p = db.prisma;
  return {
    load: async (deliveryId: number, subscriptionId: number) => {
      const delivery = await p.delivery.findUniqueOrThrow({
        where: { id: deliveryId },
        include: { publication: { include: { incident: { include: { components: true } } } } },
      });
      const subscription = await p.channelSubscription.findUniqueOrThrow({ where: { id: subscriptionId } });
      const thread = await p.channelThread.findUnique({
        where: { subscriptionId_incidentId: { subscriptionId, incidentId: delivery.publication.incidentId } },
      });
      const publication = delivery.publication;
      return {
        delivery,
        subscription,
        thread,
        incident: publication.incident,
        update: publishedUpdate(publication),
        report: await reportVersionsOf(p, publication),
      };
    },
    loadParent: async (deliveryId: number, subscriptionId: number) => {
      const delivery = await p.delivery.findUniqueOrThrow({
        where: { id: deliveryId },
        include: { publication: { include: { incident: { include: { components: true } } } } },
      });
      const { incident } = delivery.publication;
      const [subscription, thread, latest, own] = await Promise.all([
        p.channelSubscription.findUniqueOrThrow({ where: { id: subscriptionId } }),
        p.channelThread.findUnique({ where: { subscriptionId_incidentId: { subscriptionId, incidentId: incident.id } } }),
        p.publication.findFirstOrThrow({
          where: { incidentId: incident.id, kind: 'update', deliveries: { some: { target: channelTarget(subscriptionId) } } },
          orderBy: { id: 'desc' },
        }),
        p.delivery.findFirst({ where: { publicationId: delivery.publicationId, target: channelTarget(subscriptionId) }, select: { state: true } }),
      ]);
      // A report moves no post: the post shows the incident's updates.
      return {
        delivery,
        subscription,
        thread,
        incident,
        publicationId: latest.id,
        update: publishedUpdate(latest),
        report: null,
        channelFailed: own?.state === 'failed',
      };
    },
    recordThread: (subscriptionId: number, incidentId: number, parentMessageId: string, publicationId: number) =>
      p.channelThread.create({ data: { subscriptionId, incidentId, parentMessageId, parentPublicationId: publicationId } }),
    recordParent: (threadId: number, publicationId: number) =>
      p.channelThread.update({ where: { id: threadId }, data: { parentPublicationId: publicationId } }),
    recordExternalId: (deliveryId: number, externalId: string) => recordExternalId(db, deliveryId, externalId),
  };
}
