import type { Ctx } from './context.ts';
import { targetIncident } from './lookup.ts';

/** How many of an incident's latest publications `deliveries` reports on. */
const shownPublications = 5;

/** Where each of the incident's latest publications went: every target's state, attempts and last error. */
export async function getDeliveries(ctx: Ctx, input: { incident?: number }) {
  const incident = await targetIncident(ctx.db.prisma, ctx, input.incident);
  const publications = await ctx.db.prisma.publication.findMany({
    where: { incidentId: incident.id },
    orderBy: { id: 'desc' },
    take: shownPublications,
    include: { draft: { select: { number: true, kind: true } }, deliveries: { orderBy: { id: 'asc' } } },
  });
  const channelIds = publications.flatMap((p) => p.deliveries.map((d) => /^channel:(\d+)$/.exec(d.target)?.[1])).filter((id): id is string => Boolean(id));
  const channels = await ctx.db.prisma.channelSubscription.findMany({ where: { id: { in: [...new Set(channelIds)].map(Number) } }, select: { id: true, channelName: true } });
  const nameOf = (target: string) => {
    const channel = /^channel:(\d+)$/.exec(target)?.[1];
    if (!channel) return { kind: 'page' as const, name: target === 'status-page' ? 'status page' : target };
    return { kind: 'channel' as const, name: `#${channels.find((c) => c.id === Number(channel))?.channelName ?? `channel ${channel}`}` };
  };
  return {
    incident,
    publications: publications.map((publication) => ({
      draftNumber: publication.draft.number,
      kind: publication.draft.kind,
      status: publication.status,
      publishedAt: publication.publishedAt,
      targets: publication.deliveries.map((delivery) => ({
        ...nameOf(delivery.target),
        state: delivery.state,
        attempts: delivery.attempts,
        lastError: delivery.lastError,
      })),
    })),
  };
}
