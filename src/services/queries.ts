import { unfinishedRoomWork } from './room-work.ts';
import { parseComponentChanges } from '../domain/publication.ts';
import type { Ctx } from './context.ts';
import { activeIncidentFilter, incidentToRead } from './lookup.ts';
import { relatedIncidents } from './incident/related-incidents.ts';
import { openFollowUps } from './followup/list-follow-ups.ts';
import { recentOnComponents } from './incident/recent-on-components.ts';
import { rolesHeld } from './incident/assign-role.ts';

/** Everything the briefing shows: the incident, its components, pending drafts and latest publication. */
export async function getBriefing(ctx: Ctx, input: { incident?: number }) {
  const incident = await incidentToRead(ctx.db.prisma, ctx, input.incident);
  const [components, pending, latest, roomWork, related, followUps, roles] = await Promise.all([
    ctx.db.prisma.incidentComponent.findMany({ where: { incidentId: incident.id }, orderBy: { componentName: 'asc' } }),
    ctx.db.prisma.publicDraft.findMany({ where: { incidentId: incident.id, state: 'pending' }, orderBy: { number: 'asc' } }),
    ctx.db.prisma.publication.findFirst({ where: { incidentId: incident.id, kind: 'update' }, orderBy: { id: 'desc' } }),
    unfinishedRoomWork(ctx.db, incident.id),
    relatedIncidents(ctx.db.prisma, incident.id),
    openFollowUps(ctx.db.prisma, incident.id),
    rolesHeld(ctx.db.prisma, ctx, incident.id),
  ]);
  // While it is open, what it may recur, as offered at its declaration, less those related since.
  const earlier = incident.resolvedAt
    ? []
    : await recentOnComponents(
        ctx.db.prisma,
        incident.id,
        components.map((c) => c.componentName),
        incident.declaredAt,
      );
  return {
    incident,
    /** The verified clock's reading, which "how long ago" in the briefing is measured from. */
    now: ctx.clock.now(),
    components,
    pendingDrafts: pending.map((draft) => ({ ...draft, componentChanges: parseComponentChanges(draft.componentChanges) })),
    latestPublication: latest,
    /** What the crisis rooms still lack: work pending (and why, when it failed) or given up. */
    roomWork,
    /** Incidents related to it, either way round, earliest first. */
    related,
    /** Its follow-ups not done yet, in the order they were added. */
    followUps,
    /** Its roles besides the commander, each with its holder or null. */
    roles,
    /** Incidents on the same components in the 30 days before it was declared, not related to it: offered to relate in one step. */
    suggested: earlier.filter((other) => !related.some((r) => r.id === other.id)),
  };
}

/** The timeline in the order things were recorded (the per-incident sequence), never by wall time. */
export async function getTimeline(ctx: Ctx, input: { incident?: number }) {
  const incident = await incidentToRead(ctx.db.prisma, ctx, input.incident);
  const entries = await ctx.db.prisma.timelineEntry.findMany({ where: { incidentId: incident.id }, orderBy: { seq: 'asc' } });
  return { incident, entries };
}

/** Incidents still being worked on, oldest first, each with its count of drafts awaiting a decision. */
export async function listIncidents(ctx: Ctx) {
  const incidents = await ctx.db.prisma.incident.findMany({
    where: activeIncidentFilter,
    orderBy: { id: 'asc' },
    include: { _count: { select: { drafts: { where: { state: 'pending' } } } } },
  });
  return incidents.map(({ _count, ...incident }) => ({ ...incident, pendingDrafts: _count.drafts }));
}

/** Where the incident's last public update left off (its status and text), for drafting the next; its status and no text before any. */
export async function latestUpdate(ctx: Ctx, input: { incident?: number }) {
  const incident = await incidentToRead(ctx.db.prisma, ctx, input.incident);
  const latest = await ctx.db.prisma.publication.findFirst({ where: { incidentId: incident.id, kind: 'update' }, orderBy: { id: 'desc' } });
  return { incident: incident.id, status: latest?.status ?? incident.status, body: latest?.body ?? '' };
}
