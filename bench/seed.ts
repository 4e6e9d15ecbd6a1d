import type { Database } from '../src/db/client.ts';

/**
 * Fills a database with `count` published, resolved incidents spread over the past, written in
 * bulk (the services would take minutes for 100,000): each has one component, one approved draft
 * and its publication. The newest `open` ones are left investigating.
 */
export async function seedIncidents(db: Database, count: number, now: Date, open = 3): Promise<void> {
  const batch = 2000;
  const spanMs = 5 * 365 * 24 * 3600_000;
  for (let start = 0; start < count; start += batch) {
    const ids = Array.from({ length: Math.min(batch, count - start) }, (_, i) => start + i + 1);
    const at = (id: number) => new Date(now.getTime() - spanMs + (spanMs * id) / (count + 1));
    const resolved = (id: number) => id <= count - open;
    await db.prisma.incident.createMany({
      data: ids.map((id) => ({
        id,
        title: `Seeded incident ${id}`,
        severity: (id % 4) + 1,
        status: resolved(id) ? 'resolved' : 'investigating',
        commanderId: 'console:seed',
        commanderName: 'seed',
        declaredAt: at(id),
        resolvedAt: resolved(id) ? new Date(at(id).getTime() + 3600_000) : null,
        updatedAt: at(id),
        nextSeq: 1,
        nextDraftNo: 2,
      })),
    });
    await db.prisma.incidentComponent.createMany({ data: ids.map((id) => ({ incidentId: id, componentName: 'CRM', state: 'operational' })) });
    await db.prisma.publicDraft.createMany({
      data: ids.map((id) => ({
        id,
        incidentId: id,
        number: 1,
        status: resolved(id) ? 'resolved' : 'investigating',
        body: `Seeded update for incident ${id}.`,
        componentChanges: '[]',
        authorId: 'console:seed',
        authorName: 'seed',
        createdAt: at(id),
        state: 'approved',
        decidedById: 'console:seed',
        decidedByName: 'seed',
        decidedAt: at(id),
      })),
    });
    await db.prisma.publication.createMany({
      data: ids.map((id) => ({
        id,
        incidentId: id,
        draftId: id,
        status: resolved(id) ? 'resolved' : 'investigating',
        body: `Seeded update for incident ${id}.`,
        impact: 'minor',
        affectedComponents: '[]',
        publishedAt: at(id),
      })),
    });
  }
}
