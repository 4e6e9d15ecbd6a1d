/**
 * The JSON a webhook receives for one published update, in the envelope Standard Webhooks
 * recommends ({ type, timestamp, data }) and with field names in the style of Statuspage's and
 * incident.io's webhooks (snake_case, ISO 8601 UTC instants, component old/new status).
 */
import { incidentId } from '../../domain/incident.ts';
import type { PublicIncident, PublicUpdate } from '../../domain/public-page/snapshot.ts';

export type WebhookEventType = 'incident.created' | 'incident.updated' | 'incident.resolved';

/** The incident's first update creates it for the receiver; a resolved one resolves it. */
function eventType(incident: PublicIncident, update: PublicUpdate): WebhookEventType {
  if (update.status === 'resolved') return 'incident.resolved';
  return incident.updates.at(-1)?.id === update.id ? 'incident.created' : 'incident.updated';
}

function iso(instant: Date | null): string | null {
  return instant === null ? null : instant.toISOString();
}

/**
 * The payload of `update` (one of `incident.updates`), with the incident as it stood right after
 * it; `statusPageUrl` is the page's public address, without a trailing slash.
 */
export function webhookPayload(incident: PublicIncident, update: PublicUpdate, statusPageUrl: string) {
  const id = incidentId(incident.number);
  return {
    type: eventType(incident, update),
    timestamp: update.publishedAt.toISOString(),
    data: {
      incident: {
        id,
        name: incident.title,
        status: incident.status,
        impact: incident.impact,
        url: `${statusPageUrl}/incidents/${id}`,
        components: incident.components,
        created_at: iso(incident.createdAt),
        updated_at: iso(incident.updatedAt),
        resolved_at: iso(incident.resolvedAt),
      },
      update: {
        id: String(update.id),
        status: update.status,
        body: update.body,
        published_at: update.publishedAt.toISOString(),
        affected_components: update.affectedComponents.map((change) => ({
          name: change.name,
          old_status: change.oldStatus,
          new_status: change.newStatus,
        })),
      },
    },
  };
}
