import { z } from 'zod';
import { actorKey } from '../../domain/actor.ts';
import { Severity, incidentId } from '../../domain/incident.ts';
import { keptAsTyped } from '../../domain/text.ts';
import type { Ctx } from '../context.ts';
import { parseInput, resolveComponentNames } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';
import { recentOnComponents } from './recent-on-components.ts';

export const DeclareIncidentInput = z.object({
  title: z.string().trim().min(1, 'a title is required').max(200).superRefine(keptAsTyped('title', 'line')),
  severity: Severity.default(3),
  components: z.array(z.string()).default([]),
});

/** Opens an incident; whoever declares it is its first commander. */
export async function declareIncident(ctx: Ctx, input: z.input<typeof DeclareIncidentInput>) {
  const { title, severity, components } = parseInput(DeclareIncidentInput, input);
  return mutate(ctx, async (tx, now) => {
    const names = [...new Set(await resolveComponentNames(tx, components))];
    const incident = await tx.incident.create({
      data: {
        title,
        severity,
        status: 'investigating',
        commanderId: actorKey(ctx.actor),
        commanderName: ctx.actor.name,
        declaredAt: now,
        updatedAt: now,
      },
    });
    if (names.length > 0) {
      const current = await tx.component.findMany({ where: { name: { in: names } } });
      await tx.incidentComponent.createMany({
        data: current.map((component) => ({ incidentId: incident.id, componentName: component.name, state: component.status })),
      });
    }
    const affected = names.length > 0 ? ` affecting ${names.join(', ')}` : '';
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'declared',
      text: `${incidentId(incident.id)} declared by ${ctx.actor.name}: ${title} (SEV${severity})${affected}`,
      detail: { title, severity, components: names },
    });
    // What it may recur, offered in the reply to be related in one step.
    const recent = await recentOnComponents(tx, incident.id, names, now);
    return { result: { ...incident, components: names, recent }, events: [{ type: 'incident_declared', incidentId: incident.id }] };
  });
}
