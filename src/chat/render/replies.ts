import type { ComponentChange } from '../../domain/component.ts';
import { draftId, impactOf, incidentId } from '../../domain/incident.ts';
import type { addNote } from '../../services/incident/add-note.ts';
import type { approveDraft } from '../../services/draft/approve-draft.ts';
import type { changeCommander } from '../../services/incident/change-commander.ts';
import type { changeSeverity } from '../../services/incident/change-severity.ts';
import type { changeStatus } from '../../services/incident/change-status.ts';
import type { declareIncident } from '../../services/incident/declare-incident.ts';
import type { draftPublicUpdate } from '../../services/draft/draft-public-update.ts';
import type { rejectDraft } from '../../services/draft/reject-draft.ts';
import type { relateIncident, unrelateIncident } from '../../services/incident/relate-incidents.ts';
import type { resolveIncident } from '../../services/incident/resolve-incident.ts';
import type { setComponents } from '../../services/incident/set-components.ts';
import type { setImpact } from '../../services/incident/set-impact.ts';
import { relationPhrase } from '../../domain/relation.ts';
import { formatDateTime } from '../../time/format.ts';

type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

function componentChangeLines(changes: readonly ComponentChange[]): string[] {
  return changes.map((change) => `  ${change.name}: ${change.oldState} → ${change.newState}`);
}

export function declared(incident: Result<typeof declareIncident>, zone: string): string {
  const components = incident.components.length > 0 ? ` Components: ${incident.components.join(', ')}.` : '';
  return [
    `Declared ${incidentId(incident.id)}: ${incident.title} (SEV${incident.severity}, investigating). ${incident.commanderName} is the commander.${components}`,
    ...recentLines(incident, zone),
  ].join('\n');
}

/**
 * Incidents of the last 30 days on the same components, each with the command that relates the new
 * one to it; both ids are named so that it works typed anywhere, by anyone.
 */
export function recentLines({ id: incident, recent }: Pick<Result<typeof declareIncident>, 'id' | 'recent'>, zone: string): string[] {
  if (recent.length === 0) return [];
  return [
    'Declared on the same components in the last 30 days (a recurrence? relate it):',
    ...recent.map((earlier) => `  ${earlierLine(earlier, zone)} · /incident relate ${incidentId(incident)} ${incidentId(earlier.id)} recurrence`),
  ];
}

/** "INC-2 Broker backlog · declared 2021-08-16 10:51 GMT-03:00": an incident the new one may recur. */
export function earlierLine(earlier: { id: number; title: string; declaredAt: Date }, zone: string): string {
  return `${incidentId(earlier.id)} ${earlier.title} · declared ${formatDateTime(earlier.declaredAt, zone)}`;
}

/** A back-dated note says the time it was read as, so a misread "11:12" is seen at once. */
export function noted({ incident, seq, occurredAt }: Result<typeof addNote>, zone: string): string {
  const dated = occurredAt ? `, dated ${formatDateTime(occurredAt, zone)}` : '';
  return `Noted on ${incidentId(incident.id)} (timeline #${seq}${dated}).`;
}

export function statusChanged({ incident, transition }: Result<typeof changeStatus>): string {
  const how = transition === 'reopen' ? 'reopened and is now' : 'is now';
  return `${incidentId(incident.id)} ${how} ${incident.status} (internal; customers see it with the next approved public update).`;
}

function draftLines(
  incident: { id: number; commanderName: string },
  draft: { number: number; status: string; body: string; componentChanges: ComponentChange[] },
): string[] {
  const changes = draft.componentChanges.length > 0 ? ['Component changes going public with it:', ...componentChangeLines(draft.componentChanges)] : [];
  return [
    `Drafted ${draftId(draft.number)} for ${incidentId(incident.id)} (${draft.status}):`,
    `  "${draft.body}"`,
    ...changes,
    `Waiting for approval by the commander, ${incident.commanderName}: /incident approve ${incidentId(incident.id)} ${draftId(draft.number)}`,
  ];
}

export function drafted({ incident, draft }: Result<typeof draftPublicUpdate>): string {
  return draftLines(incident, draft).join('\n');
}

export function approved({ label, componentChanges }: Result<typeof approveDraft>): string {
  const changes = componentChanges.length > 0 ? ['Component states published:', ...componentChangeLines(componentChanges)] : [];
  return [`Approved ${label}: published to the status page.`, ...changes].join('\n');
}

export function rejected({ incident, draft, reason }: Result<typeof rejectDraft>): string {
  return `Rejected ${incidentId(incident.id)} ${draftId(draft.number)}${reason ? ` (${reason})` : ''}; it will not be published.`;
}

export function commanderChanged({ incident, previous }: Result<typeof changeCommander>): string {
  return `${incident.commanderName} is now the commander of ${incidentId(incident.id)} (was ${previous}).`;
}

export function severityChanged({ incident, previous }: Result<typeof changeSeverity>): string {
  return `${incidentId(incident.id)} is now SEV${incident.severity} (was SEV${previous}; public impact ${impactOf(incident.severity)} from the next approved update).`;
}

export function componentsSet({ incident, pending }: Result<typeof setComponents>): string {
  if (pending.length === 0) return `${incidentId(incident.id)}: component states match the status page; nothing to publish.`;
  return [`${incidentId(incident.id)}: these go public with the next approved public update:`, ...componentChangeLines(pending)].join('\n');
}

export function impactSet({ incident }: Result<typeof setImpact>, zone: string): string {
  const start = incident.impactStart ? formatDateTime(incident.impactStart, zone) : '?';
  const end = incident.impactEnd ? formatDateTime(incident.impactEnd, zone) : 'ongoing';
  return `Customer impact of ${incidentId(incident.id)}: ${start} → ${end}.`;
}

export function resolved({ incident, draft }: Result<typeof resolveIncident>): string {
  return [`${incidentId(incident.id)} is resolved internally.`, ...draftLines(incident, draft)].join('\n');
}

export function related({ incident, other, kind, previousKind }: Result<typeof relateIncident>): string {
  const now = `${incidentId(incident.id)} is ${relationPhrase(kind)} ${incidentId(other.id)} (${other.title})`;
  return previousKind === null ? `${now}.` : `${now}; it was ${relationPhrase(previousKind)} it.`;
}

export function unrelated({ removed }: Result<typeof unrelateIncident>): string {
  return `Unrelated: ${removed}.`;
}
