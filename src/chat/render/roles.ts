import { incidentId } from '../../domain/incident.ts';
import type { assignRole, listRoles } from '../../services/incident/assign-role.ts';
import type { snoozeCadence } from '../../services/cadence/snooze.ts';
import { formatTimeOfDay } from '../../time/format.ts';

type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/** "Bob is now the communications lead of INC-1 (was Carol)." */
export function roleAssigned({ incident, role, holder, previous }: Result<typeof assignRole>): string {
  const was = previous ? ` (was ${previous})` : '';
  return holder === null
    ? `Nobody is the ${role.title} of ${incidentId(incident)} now${was}.`
    : `${holder} is now the ${role.title} of ${incidentId(incident)}${was}.`;
}

/** Each role with its holder, what it does, and whether it approves public updates. */
export function renderRoles({ incident, roles }: Result<typeof listRoles>): string {
  return [
    `Roles of ${incidentId(incident)}:`,
    ...roles.map(
      (role) =>
        `  ${role.title} (${role.name}): ${role.holder ?? 'nobody'}${role.description ? ` · ${role.description}` : ''}${role.mayApprove ? ' · approves public updates' : ''}`,
    ),
  ].join('\n');
}

export function snoozed({ incident, until }: Result<typeof snoozeCadence>, zone: string): string {
  return `Update reminders of ${incidentId(incident)} snoozed until ${formatTimeOfDay(until, zone)}.`;
}
