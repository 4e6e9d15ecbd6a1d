import { z } from 'zod';
import { IncidentStatus, incidentId } from '../../domain/incident.ts';
import { transition } from '../../domain/lifecycle.ts';
import type { Ctx } from '../context.ts';
import { parseInput, targetIncident } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';

export const ChangeStatusInput = z.object({
  incident: z.number().int().positive().optional(),
  status: IncidentStatus,
});

/** Changes the internal status; what customers see changes only through an approved public update. */
export async function changeStatus(ctx: Ctx, input: z.input<typeof ChangeStatusInput>) {
  const { incident: ref, status } = parseInput(ChangeStatusInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    const kind = transition(incident.id, IncidentStatus.parse(incident.status), status);
    const updated = await tx.incident.update({
      where: { id: incident.id },
      data: { status, resolvedAt: status === 'resolved' ? now : null },
    });
    const verb = kind === 'reopen' ? `reopened as ${status}` : `status ${incident.status} → ${status}`;
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: kind === 'reopen' ? 'reopened' : 'status',
      text: `${incidentId(incident.id)} ${verb}`,
      detail: { from: incident.status, to: status },
    });
    return { result: { incident: updated, previous: incident.status, transition: kind }, events: [{ type: 'incident_changed', incidentId: incident.id }] };
  });
}
