import type { Database, Delivery, EmailSubscriber, Tx } from '../client.ts';
import { Language } from '../../i18n/languages.ts';
import { recordExternalId } from './delivery-rows.ts';
import { type PublishedUpdate, publishedUpdate } from '../../domain/publication.ts';
import type { DeliveryRow, IncidentRow } from './delivery-rows.ts';
import { componentsOf } from './incident-components.ts';
import { wantsIncident } from '../../domain/targets.ts';
import type { ReportVersions } from '../../domain/report.ts';
import { reportVersionsOf } from './report-sections.ts';

/** The confirmed, still subscribed addresses that want an incident's updates (their component filter covers it). */
export async function emailSubscribersOf(tx: Tx, incidentId: number) {
  const [names, subscribers] = await Promise.all([
    componentsOf(tx, incidentId),
    tx.emailSubscriber.findMany({ where: { confirmedAt: { not: null }, unsubscribedAt: null }, orderBy: { id: 'asc' } }),
  ]);
  return subscribers.filter((subscriber) => wantsIncident(subscriber.components, names));
}

interface EmailDeliveryRows {
  delivery: DeliveryRow;
  /** Null, or no longer receiving, when it left between the publication and this delivery. */
  subscriber: (Omit<EmailSubscriber, 'language'> & { language: Language; receiving: boolean }) | null;
  incident: IncidentRow;
  update: PublishedUpdate;
  /** An incident report's sections per language; null for an update. */
  report: ReportVersions | null;
  /** The key of the first update this subscriber was sent of the incident: later mails answer it. */
  threadRootKey: string | null;
  componentGroups: { group: string | null; name: string }[];
}

export interface EmailDeliveries {
  load(deliveryId: number, subscriberId: number): Promise<EmailDeliveryRows>;
  recordExternalId(deliveryId: number, externalId: string): Promise<Delivery>;
}

/** Everything an e-mail delivery needs, read in one place for the delivery target. */
export function createEmailDeliveries(db: Database): EmailDeliveries {
  const p = db.prisma;
  return {
    load: async (deliveryId: number, subscriberId: number) => {
      const delivery = await p.delivery.findUniqueOrThrow({
        where: { id: deliveryId },
        include: { publication: { include: { incident: { include: { components: true } } } } },
      });
      const publication = delivery.publication;
      const [subscriber, first, layout] = await Promise.all([
        p.emailSubscriber.findUnique({ where: { id: subscriberId } }),
        // The first update of the incident this subscriber was sent: later mails answer it, so clients thread them.
        p.delivery.findFirst({
          where: { target: delivery.target, publication: { incidentId: publication.incidentId, kind: 'update' } },
          orderBy: { publicationId: 'asc' },
          select: { id: true, idempotencyKey: true },
        }),
        p.component.findMany({ orderBy: { position: 'asc' }, select: { name: true, groupName: true } }),
      ]);
      return {
        delivery,
        subscriber: subscriber && {
          ...subscriber,
          language: Language.catch('en').parse(subscriber.language),
          receiving: subscriber.confirmedAt !== null && subscriber.unsubscribedAt === null,
        },
        incident: publication.incident,
        update: publishedUpdate(publication),
        report: await reportVersionsOf(p, publication),
        threadRootKey: first && first.id !== delivery.id ? first.idempotencyKey : null,
        componentGroups: layout.map((component) => ({ group: component.groupName, name: component.name })),
      };
    },
    recordExternalId: (deliveryId: number, externalId: string) => recordExternalId(db, deliveryId, externalId),
  };
}
