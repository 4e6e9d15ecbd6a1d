import type { Tx } from '../../db/client.ts';
import { actorKey } from '../../domain/actor.ts';
import { type ComponentChange, ComponentState } from '../../domain/component.ts';
import { type IncidentStatus, draftId } from '../../domain/incident.ts';
import type { Ctx } from '../context.ts';
import { recordOnTimeline } from '../mutation.ts';

/** The incident's component states that differ from what the status page shows now. */
export async function unpublishedComponentChanges(tx: Tx, incidentId: number): Promise<ComponentChange[]> {
  const affected = await tx.incidentComponent.findMany({ where: { incidentId } });
  const published = await tx.component.findMany({ where: { name: { in: affected.map((a) => a.componentName) } }, orderBy: { position: 'asc' } });
  return published.flatMap((component) => {
    const wanted = affected.find((a) => a.componentName === component.name);
    if (!wanted || wanted.state === component.status) return [];
    return [{ name: component.name, oldState: ComponentState.parse(component.status), newState: ComponentState.parse(wanted.state) }];
  });
}

/** What a draft becomes once approved: a public update, or the incident report written after the resolution. */
export type DraftKind = 'update' | 'report';

/**
 * Writes a public update that waits for a decision. It carries the component changes made since
 * the last publication, so the approver sees exactly what customers will see. A report carries none:
 * it tells the story of an incident already over and must not move the page's component states.
 */
export async function createDraft(tx: Tx, ctx: Ctx, now: Date, incident: { id: number }, status: IncidentStatus, body: string, kind: DraftKind = 'update') {
  const { nextDraftNo } = await tx.incident.update({
    where: { id: incident.id },
    data: { nextDraftNo: { increment: 1 } },
    select: { nextDraftNo: true },
  });
  const componentChanges = kind === 'report' ? [] : await unpublishedComponentChanges(tx, incident.id);
  const draft = await tx.publicDraft.create({
    data: {
      incidentId: incident.id,
      number: nextDraftNo - 1,
      status,
      body,
      kind,
      componentChanges: JSON.stringify(componentChanges),
      authorId: actorKey(ctx.actor),
      authorName: ctx.actor.name,
      createdAt: now,
    },
  });
  await recordOnTimeline(tx, ctx, now, incident.id, {
    kind: 'draft',
    text: kind === 'report' ? `Incident report ${draftId(draft.number)} drafted` : `Public update ${draftId(draft.number)} drafted (${status}): ${body}`,
    detail: { draft: draft.number, status, kind, componentChanges },
  });
  return { ...draft, componentChanges };
}
