import { incidentId } from '../../domain/incident.ts';
import type { getTimeline, listIncidents } from '../../services/queries.ts';
import { formatDateTime } from '../../time/format.ts';

/** A recording more than this after the event is shown with both instants. */
const backdatedAfterMs = 60_000;

export function renderTimeline({ incident, entries }: Awaited<ReturnType<typeof getTimeline>>, zone: string): string {
  const lines = entries.map((entry) => {
    const late = entry.recordedAt.getTime() - entry.occurredAt.getTime() > backdatedAfterMs ? ` (recorded ${formatDateTime(entry.recordedAt, zone)})` : '';
    return `#${entry.seq} ${formatDateTime(entry.occurredAt, zone)}${late} ${entry.actorName}: ${entry.text}`;
  });
  return [`Timeline of ${incidentId(incident.id)}: ${incident.title}`, ...lines].join('\n');
}

export function renderIncidentList(incidents: Awaited<ReturnType<typeof listIncidents>>, zone: string): string {
  if (incidents.length === 0) return 'No open incidents.';
  return [
    'Open incidents:',
    ...incidents.map((incident) => {
      const pending = incident.pendingDrafts > 0 ? ` · ${incident.pendingDrafts} draft(s) awaiting approval` : '';
      return `${incidentId(incident.id)} ${incident.title} · ${incident.status} · SEV${incident.severity} · commander ${incident.commanderName} · declared ${formatDateTime(incident.declaredAt, zone)}${pending}`;
    }),
  ].join('\n');
}
