/**
 * The JSON a webhook receives for one published update, in the envelope Standard Webhooks
 * recommends ({ type, timestamp, data }) and with field names in the style of Statuspage's and
 * incident.io's webhooks (snake_case, ISO 8601 UTC instants, component old/new status).
 */
import { incidentId } from '../../domain/incident.ts';
import type { PublicIncident, PublicUpdate } from '../../domain/public-page/snapshot.ts';
import { type ReportSections, type ReportTemplate, reportBlocks, reportText } from '../../domain/report.ts';
import type { Language } from '../../i18n/languages.ts';

export type WebhookEventType = 'incident.created' | 'incident.updated' | 'incident.resolved' | 'incident.report_published';

/** The incident's first update creates it for the receiver; a resolved one resolves it. */
function eventType(incident: PublicIncident, update: PublicUpdate): WebhookEventType {
  if (update.status === 'resolved') return 'incident.resolved';
  return incident.updates.at(-1)?.id === update.id ? 'incident.created' : 'incident.updated';
}

function iso(instant: Date | null): string | null {
  return instant === null ? null : instant.toISOString();
}

function incidentFields(incident: PublicIncident, statusPageUrl: string) {
  const id = incidentId(incident.number);
  return {
    id,
    name: incident.title,
    status: incident.status,
    impact: incident.impact,
    url: `${statusPageUrl}/incidents/${id}`,
    components: incident.components,
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    resolved_at: iso(incident.resolvedAt),
  };
}

/**
 * The payload of `update` (one of `incident.updates`), with the incident as it stood right after
 * it; `statusPageUrl` is the page's public address, without a trailing slash.
 */
export function webhookPayload(incident: PublicIncident, update: PublicUpdate, statusPageUrl: string) {
  return {
    type: eventType(incident, update),
    timestamp: update.publishedAt.toISOString(),
    data: {
      incident: incidentFields(incident, statusPageUrl),
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

/**
 * The payload of the incident's report (`incident.report`), `incident.report_published`: every
 * language it is written in, since an endpoint has none of its own, each as its sections and as one
 * text; `body` is the whole report in the page's default language, as Statuspage's postmortem.
 */
export function reportPayload(incident: PublicIncident, statusPageUrl: string, titlesOf: (lang: Language) => ReportTemplate['titles']) {
  const report = incident.report!;
  const data = incidentFields(incident, statusPageUrl);
  const languages = Object.fromEntries(
    (Object.entries(report.sections ?? {}) as [Language, ReportSections][]).map(([lang, sections]) => {
      const blocks = reportBlocks(sections, titlesOf(lang));
      return [lang, { sections: blocks.map((b) => ({ section: b.section, title: b.title, text: b.text })), text: reportText(blocks) }];
    }),
  );
  return {
    type: 'incident.report_published' as const,
    timestamp: report.publishedAt.toISOString(),
    data: { incident: data, report: { url: `${data.url}#report`, published_at: report.publishedAt.toISOString(), body: report.body, languages } },
  };
}
