import { draftId, incidentId } from '../../domain/incident.ts';
import type { CadenceReminder } from '../../services/cadence/cadence-reminders.ts';
import { formatTimeOfDay } from '../../time/format.ts';

type Person = CadenceReminder['commander'];

/**
 * What a room is told of its update cadence, as lines. `name` names a person (a mention where the
 * platform can make one), `escapeText` makes crisisroom's own text safe for the platform's markup,
 * `command` is how its people type a command ("/incident", "@crisisroom").
 */
export function cadenceReminderLines(
  event: CadenceReminder,
  zone: string,
  { name, escapeText, command }: { name(person: Person): string; escapeText(text: string): string; command: string },
): string[] {
  const id = incidentId(event.incidentId);
  const people = [event.commander, ...(event.communications && event.communications.id !== event.commander.id ? [event.communications] : [])];
  const named = people.map(name).join(' and ');
  const every = event.periodMinutes === null ? '' : ` (SEV${event.severity}: every ${event.periodMinutes} min)`;
  const due = event.dueAt ? formatTimeOfDay(new Date(event.dueAt), zone) : '';
  const waiting =
    event.pendingDrafts.length === 0
      ? []
      : [escapeText(`${event.pendingDrafts.map(draftId).join(' and ')} ${event.pendingDrafts.length === 1 ? 'is' : 'are'} waiting for approval.`)];
  if (event.kind === 'idle') {
    return [
      escapeText(`Nothing has been recorded on ${id}'s timeline since ${formatTimeOfDay(new Date(event.quietSince), zone)}.`),
      `${name(event.commander)}: ${escapeText(`is it still going on? Say where things stand (${command} note …), or resolve it.`)}`,
    ];
  }
  const head =
    event.kind === 'cadence_soon'
      ? `${id}'s next public update is due by ${due}${every}.`
      : `${id}'s next public update was due at ${due}${every}: customers are waiting to hear from us.`;
  return [escapeText(head), ...waiting, `${named}: ${escapeText(`draft it (${command} public …), or snooze the reminders (${command} snooze 30m).`)}`];
}
