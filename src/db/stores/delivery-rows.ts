import type { Database, Delivery, Incident, IncidentComponent, Publication } from '../client.ts';

/** An incident with its components, as a delivery reads it. */
export type IncidentRow = Incident & { components: IncidentComponent[] };

/** A delivery with the publication it delivers and that publication's incident. */
export type DeliveryRow = Delivery & { publication: Publication & { incident: IncidentRow } };

/** Keeps the platform's id of what a delivery created (a message ts, a Message-ID): a retry must not create it again. */
export function recordExternalId(db: Database, deliveryId: number, externalId: string) {
  return db.prisma.delivery.update({ where: { id: deliveryId }, data: { externalId } });
}
