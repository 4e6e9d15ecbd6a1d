import { followUpId } from '../../domain/follow-up.ts';
import { incidentId } from '../../domain/incident.ts';
import type { addFollowUp } from '../../services/followup/follow-ups.ts';
import type { listFollowUps } from '../../services/followup/list-follow-ups.ts';
import type { OverdueFollowUp } from '../../services/followup/overdue-reminders.ts';
import { isOverdue } from '../../time/calendar-day.ts';
import { formatDateTime } from '../../time/format.ts';

type FollowUp = Awaited<ReturnType<typeof addFollowUp>>;
type Listed = Awaited<ReturnType<typeof listFollowUps>>;

/** "owner bob · due 2021-09-30 (overdue) · public": what is known of it, overdue by the reader's today. */
export function followUpDetails(row: FollowUp, now: Date, zone: string): string {
  const due = row.due && `due ${row.due}${row.state === 'open' && isOverdue(row.due, now, zone) ? ' (overdue)' : ''}`;
  return [row.ownerName ? `owner ${row.ownerName}` : 'no owner', due, row.public && 'public'].filter(Boolean).join(' · ');
}

/** "F3 INC-2 Alert on queue depth · owner bob · due 2021-09-30 · public · open", and its tracker issue's page once created. */
function listLine(row: FollowUp, now: Date, zone: string): string {
  const state = row.state === 'done' && row.doneAt ? `done by ${row.doneByName} ${formatDateTime(row.doneAt, zone)}` : row.state;
  const issue = row.trackerUrl ? ` · ${row.trackerUrl}` : '';
  return `${followUpId(row.id)} ${incidentId(row.incidentId)} ${row.text} · ${followUpDetails(row, now, zone)} · ${state}${issue}`;
}

export function followUpAdded(row: FollowUp, now: Date, zone: string): string {
  return `Follow-up ${followUpId(row.id)} added to ${incidentId(row.incidentId)}: ${row.text} · ${followUpDetails(row, now, zone)}.`;
}

export function followUpDone(row: FollowUp): string {
  return `Follow-up ${followUpId(row.id)} of ${incidentId(row.incidentId)} is done: ${row.text}`;
}

export function followUpReopened(row: FollowUp): string {
  return `Follow-up ${followUpId(row.id)} of ${incidentId(row.incidentId)} is open again: ${row.text}`;
}

export function renderFollowUpList({ followUps, total, incident, open, mine, now }: Listed, zone: string): string {
  const which = [open ? 'open' : '', mine ? 'yours' : ''].filter(Boolean).join(', ');
  const scope = `${incident === undefined ? 'across incidents' : `of ${incidentId(incident)}`}${which ? ` (${which})` : ''}`;
  if (total === 0) return `No follow-ups ${scope}.`;
  const shown = total > followUps.length ? `, the latest ${followUps.length} of ${total}` : '';
  return [`Follow-ups ${scope}${shown}:`, ...followUps.map((row) => listLine(row, now, zone))].join('\n');
}

/**
 * A room's reminder of its overdue follow-ups, as lines. `escapeText` makes text safe for the platform's
 * markup and `owner` names an owner (a mention where the platform can make one); `command` is how the
 * platform's people type a command ("/incident", "@crisisroom").
 */
export function overdueReminder(
  incident: number,
  followUps: readonly OverdueFollowUp[],
  { escapeText, owner, command }: { escapeText(text: string): string; owner(followUp: OverdueFollowUp): string; command: string },
): string[] {
  const heading =
    followUps.length === 1 ? `A follow-up of ${incidentId(incident)} is overdue:` : `${followUps.length} follow-ups of ${incidentId(incident)} are overdue:`;
  const lines = followUps.map((row) => `• ${followUpId(row.id)} ${escapeText(row.text)} · ${row.ownerId ? owner(row) : 'no owner'} · due ${row.due}`);
  const done = followUps.length === 1 ? followUpId(followUps[0]!.id) : 'with its number';
  return [heading, ...lines, escapeText(`Once one is done, tell crisisroom: ${command} followup done ${done}.`)];
}
