import { z } from 'zod';
import { CrisisError } from '../../domain/errors.ts';
import { Severity, impactOf, incidentId } from '../../domain/incident.ts';
import type { Ctx } from '../context.ts';
import { parseInput, targetIncident } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';

export const ChangeSeverityInput = z.object({
  incident: z.number().int().positive().optional(),
  severity: Severity,
});

/** Changes the severity; the public impact follows it from the next approved public update. */
export async function changeSeverity(ctx: Ctx, input: z.input<typeof ChangeSeverityInput>) {
  const { incident: ref, severity } = parseInput(ChangeSeverityInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    if (incident.severity === severity) throw new CrisisError('conflict', `${incidentId(incident.id)} is already SEV${severity}.`);
    const updated = await tx.incident.update({ where: { id: incident.id }, data: { severity } });
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'severity',
      text: `Severity SEV${incident.severity} → SEV${severity} (impact ${impactOf(severity)})`,
      detail: { from: incident.severity, to: severity },
    });
    return { result: { incident: updated, previous: incident.severity }, events: [{ type: 'incident_changed', incidentId: incident.id }] };
  });
}
