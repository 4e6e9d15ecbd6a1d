import type { Database, Tx } from '../../db/client.ts';
import type { Ctx } from '../context.ts';
import { incidentToRead } from '../lookup.ts';
import { bookkeepingTargets } from '../subscription/subscriptions.ts';
import { nameTargets } from '../../db/stores/target-names.ts';

/** How many of an incident's latest publications `deliveries` reports on. */
const shownPublications = 5;

async function withTargets<P extends { deliveries: { target: string; state: string; attempts: number; lastError: string | null }[] }>(
  db: Tx,
  publications: P[],
) {
  const named = await nameTargets(
    db,
    publications.flatMap((p) => p.deliveries.map((d) => d.target)),
  );
  return publications.map(({ deliveries, ...publication }) => ({
    ...publication,
    targets: deliveries.map((delivery) => ({ ...named(delivery.target), state: delivery.state, attempts: delivery.attempts, lastError: delivery.lastError })),
  }));
}

const publicationShape = { draft: { select: { number: true, kind: true } }, deliveries: { where: bookkeepingTargets, orderBy: { id: 'asc' as const } } };

/** Where each of the incident's latest publications went: every target's state, attempts and last error. */
export async function getDeliveries(ctx: Ctx, input: { incident?: number }) {
  const incident = await incidentToRead(ctx.db.prisma, ctx, input.incident);
  const publications = await ctx.db.prisma.publication.findMany({
    where: { incidentId: incident.id },
    orderBy: { id: 'desc' },
    take: shownPublications,
    include: publicationShape,
  });
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
/**
 * The draft (and incident) a publication was approved from, remembered: a publication never
 * changes, and a fan-out settles a delivery per target of the same one.
 */
export function createPublicationDrafts(db: Database, remembered = 1000) {
  const known = new Map<number, Promise<{ incidentId: number; draftId: number }>>();
  return function draftOfPublication(publicationId: number) {
    let found = known.get(publicationId);
    if (!found) {
      found = db.prisma.publication.findUniqueOrThrow({ where: { id: publicationId }, select: { incidentId: true, draftId: true } });
      // A failed read is not remembered; the oldest publication is forgotten first.
      found.catch(() => known.delete(publicationId));
      known.set(publicationId, found);
      if (known.size > remembered) known.delete(known.keys().next().value!);
    }
    return found;
  };
}
