import { draftLabel, incidentId } from '../../domain/incident.ts';
import type { DeliveryTargetState, getDeliveries } from '../../services/draft/get-deliveries.ts';
import type { TargetKind } from '../../db/stores/target-names.ts';
import { formatDateTime } from '../../time/format.ts';

type Deliveries = Awaited<ReturnType<typeof getDeliveries>>;

/** Problems listed by name before the rest are only counted: a fan-out can have thousands. */
const namedProblems = 5;

const counted: [TargetKind, string][] = [
  ['channel', 'customer channels'],
  ['webhook', 'webhooks'],
  ['email', 'e-mail subscribers'],
];

function problem(target: DeliveryTargetState): string {
  // Errors about one channel often start with its name already.
  const detail = target.lastError ? `: ${target.lastError.replace(`${target.name}: `, '')}` : '';
  return target.state === 'failed' ? `${target.name} failed${detail}` : `${target.name} pending after ${target.attempts} attempt(s)${detail}`;
}

/** "status page, Statuspage.io, 47 of 48 customer channels — #acme: channel archived". */
export function summarizeTargets(targets: readonly DeliveryTargetState[]): string {
  const reached = [
    ...targets.filter((t) => t.kind === 'page' && t.state === 'delivered').map((t) => t.name),
    ...counted.flatMap(([kind, noun]) => {
      const of = targets.filter((t) => t.kind === kind);
      return of.length > 0 ? [`${of.filter((t) => t.state === 'delivered').length} of ${of.length} ${noun}`] : [];
    }),
  ];
  // A pending target that has not failed yet is simply on its way; only failures are named.
  const problems = targets.filter((t) => t.state === 'failed' || (t.state === 'pending' && t.lastError));
  const underway = targets.filter((t) => t.state === 'pending' && !t.lastError).length;
  const listed = problems.slice(0, namedProblems).map(problem);
  if (problems.length > namedProblems) listed.push(`and ${problems.length - namedProblems} more`);
  const head = reached.length > 0 ? reached.join(', ') : 'nothing delivered yet';
  return `${head}${underway > 0 ? ` (${underway} on the way)` : ''}${listed.length > 0 ? ` — ${listed.join('; ')}` : ''}`;
}

/** One line per publication, newest first. */
export function renderDeliveries({ incident, publications }: Deliveries, zone: string): string {
  if (publications.length === 0) return `${incidentId(incident.id)} has no approved public update yet.`;
  const lines = publications.map((publication) => {
    const head = `${draftLabel(publication.kind, publication.draftNumber)} (${publication.status}, ${formatDateTime(publication.publishedAt, zone)})`;
    return `${head}: ${summarizeTargets(publication.targets)}`;
  });
  return [`Deliveries of ${incidentId(incident.id)}:`, ...lines].join('\n');
}
