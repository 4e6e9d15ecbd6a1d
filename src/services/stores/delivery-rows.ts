import type { Delivery, Incident, IncidentComponent, Publication } from '../../db/client.ts';

/** An incident with its components, as a delivery reads it. */
export type IncidentRow = Incident & { components: IncidentComponent[] };

/** A delivery with the publication it delivers and that publication's incident. */
export type DeliveryRow = Delivery & { publication: Publication & { incident: IncidentRow } };
