import { z } from 'zod';
import { ComponentState } from '../../domain/component.ts';
import type { Ctx } from '../context.ts';
import { unpublishedComponentChanges } from '../draft/drafts.ts';
import { parseInput, resolveComponentNames, targetIncident } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';

export const SetComponentsInput = z.object({
  incident: z.number().int().positive().optional(),
  changes: z.array(z.object({ name: z.string(), state: ComponentState })).min(1, 'name at least one component, e.g. CRM=major_outage'),
});

/**
 * Sets the incident's component states. They go public together with the next approved public
 * update, never on their own, so customers never see a state change without words around it.
 */
export async function setComponents(ctx: Ctx, input: z.input<typeof SetComponentsInput>) {
  const { incident: ref, changes } = parseInput(SetComponentsInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    const names = await resolveComponentNames(
      tx,
      changes.map((change) => change.name),
    );
    const states = new Map(names.map((name, i) => [name, changes[i]!.state]));
    for (const [componentName, state] of states) {
      await tx.incidentComponent.upsert({
        where: { incidentId_componentName: { incidentId: incident.id, componentName } },
        create: { incidentId: incident.id, componentName, state },
        update: { state },
      });
    }
    const described = [...states].map(([name, state]) => `${name}=${state}`).join(', ');
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'components',
      text: `Components set: ${described} (public with the next approved update)`,
      detail: { changes: Object.fromEntries(states) },
    });
    const pending = await unpublishedComponentChanges(tx, incident.id);
    return { result: { incident, pending }, events: [{ type: 'incident_changed', incidentId: incident.id }] };
  });
}
