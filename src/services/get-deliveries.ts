import type { Database, Tx } from '../db/client.ts';
import type { Ctx } from './context.ts';
import { targetIncident } from './lookup.ts';
import { nameTargets } from './target-names.ts';

/** How many of an incident's latest publications `deliveries` reports on. */
const shownPublications = 5;

async function withTargets<P extends { deliveries: { target: string; state: string; attempts: number; lastError: string | null }[] }>(db: Tx, publications: P[]) {
  const named = await nameTargets(db, publications.flatMap((p) => p.deliveries.map((d) => d.target)));
  return publications.map(({ deliveries, ...publication }) => ({
    ...publication,
    targets: deliveries.map((delivery) => ({ ...named(delivery.target), state: delivery.state, attempts: delivery.attempts, lastError: delivery.lastError })),
  }));
}

const publicationShape = { draft: { select: { number: true, kind: true } }, deliveries: { orderBy: { id: 'asc' as const } } };

/** Where each of the incident's latest publications went: every target's state, attempts and last error. */
export async function getDeliveries(ctx: Ctx, input: { incident?: number }) {
  const incident = await targetIncident(ctx.db.prisma, ctx, input.incident);
  const publications = await ctx.db.prisma.publication.findMany({ where: { incidentId: incident.id }, orderBy: { id: 'desc' }, take: shownPublications, include: publicationShape });
  const shown = await withTargets(ctx.db.prisma, publications);
  return {
    incident,
    publications: shown.map((publication) => ({
      draftNumber: publication.draft.number,
      kind: publication.draft.kind,
      status: publication.status,
      publishedAt: publication.publishedAt,
      targets: publication.targets,
    })),
  };
}

export type DeliveryTargetState = Awaited<ReturnType<typeof getDeliveries>>['publications'][number]['targets'][number];

/** The targets of the publication an approved draft became, for its approval card; null before approval. */
export async function deliveriesOfDraft(db: Database, draftId: number): Promise<DeliveryTargetState[] | null> {
  const publication = await db.prisma.publication.findUnique({ where: { draftId }, include: publicationShape });
  if (!publication) return null;
  return (await withTargets(db.prisma, [publication]))[0]!.targets;
}

/** The draft a delivery belongs to, so what shows that draft can be refreshed. */
export async function draftOfDelivery(db: Database, deliveryId: number) {
  const delivery = await db.prisma.delivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { publication: { select: { incidentId: true, draftId: true } } } });
  return delivery.publication;
}
