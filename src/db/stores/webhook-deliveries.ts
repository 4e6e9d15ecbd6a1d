import type { Database } from '../client.ts';
import type { PublicIncident } from '../../domain/public-page/snapshot.ts';
import type { Clock } from '../../time/clock.ts';
import { publicIncidentFrom, publicIncidentSelect } from './public-incidents.ts';
import { signingSecrets } from '../../domain/webhook-secrets.ts';

/** What one webhook delivery sends: the endpoint, the update and its incident as published then. */
interface WebhookDelivery {
  endpoint: { id: number; url: string; active: boolean; disabledReason: string | null };
  /** The secrets that sign a message sent now, newest first. */
  secrets: string[];
  publicationId: number;
  /** The incident as the public saw it right after this update: later updates are left out, so a retry sends the same. */
  incident: PublicIncident;
}

export interface WebhookDeliveries {
  load(deliveryId: number, endpointId: number): Promise<WebhookDelivery>;
  /** The endpoint said it is gone for good (410): no more deliveries, and the reason is kept and audited. */
  disable(endpointId: number, reason: string): Promise<void>;
}

/** Everything a webhook delivery needs, read in one place for the delivery target. */
export function createWebhookDeliveries(db: Database, clock: Clock, pageOrder: readonly string[]): WebhookDeliveries {
  const p = db.prisma;
  return {
    load: async (deliveryId: number, endpointId: number): Promise<WebhookDelivery> => {
      const { publicationId } = await p.delivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { publicationId: true } });
      const publication = await p.publication.findUniqueOrThrow({ where: { id: publicationId }, select: { incidentId: true } });
      const incident = await p.incident.findUniqueOrThrow({
        where: { id: publication.incidentId },
        select: { ...publicIncidentSelect, publications: { ...publicIncidentSelect.publications, where: { id: { lte: publicationId } } } },
      });
      const endpoint = await p.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
      return {
        endpoint: { id: endpoint.id, url: endpoint.url, active: endpoint.active, disabledReason: endpoint.disabledReason },
        secrets: signingSecrets(endpoint.secrets, clock.now()),
        publicationId,
        incident: publicIncidentFrom(incident, pageOrder),
      };
    },
    disable: async (endpointId: number, reason: string) => {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const { url } = await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { active: false, disabledReason: reason, updatedAt: now } });
        await tx.auditLog.create({
          data: {
            at: now,
            actorId: 'system:delivery',
            actorName: 'crisisroom delivery',
            platform: 'system',
            action: 'webhook_disabled',
            detail: JSON.stringify({ webhook: endpointId, url, reason }),
          },
        });
      });
    },
  };
}
