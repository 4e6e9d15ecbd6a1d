import { draftLabel, incidentId } from '../../domain/incident.ts';
import type { getDeliveries } from '../../services/get-deliveries.ts';
import { formatDateTime } from '../../time/format.ts';

type Deliveries = Awaited<ReturnType<typeof getDeliveries>>;
type Target = Deliveries['publications'][number]['targets'][number];

function problem(target: Target): string {
  // Errors about one channel often start with its name already.
  const detail = target.lastError ? `: ${target.lastError.replace(`${target.name}: `, '')}` : '';
  return target.state === 'failed' ? `${target.name} failed${detail}` : `${target.name} pending after ${target.attempts} attempt(s)${detail}`;
}

/** One line per publication: "status page, 47 of 48 customer channels — #acme: channel archived". */
export function renderDeliveries({ incident, publications }: Deliveries, zone: string): string {
  if (publications.length === 0) return `${incidentId(incident.id)} has no approved public update yet.`;
  const lines = publications.map((publication) => {
    const page = publication.targets.filter((t) => t.kind === 'page');
    const channels = publication.targets.filter((t) => t.kind === 'channel');
    const reached = [
      ...page.filter((t) => t.state === 'delivered').map((t) => t.name),
      ...(channels.length > 0 ? [`${channels.filter((t) => t.state === 'delivered').length} of ${channels.length} customer channels`] : []),
    ];
    const problems = publication.targets.filter((t) => t.state !== 'delivered').map(problem);
    const head = `${draftLabel(publication.kind, publication.draftNumber)} (${publication.status}, ${formatDateTime(publication.publishedAt, zone)})`;
    return `${head}: ${reached.length > 0 ? reached.join(', ') : 'nothing delivered yet'}${problems.length > 0 ? ` — ${problems.join('; ')}` : ''}`;
  });
  return [`Deliveries of ${incidentId(incident.id)}:`, ...lines].join('\n');
}
