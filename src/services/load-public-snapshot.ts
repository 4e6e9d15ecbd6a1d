import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { ComponentState } from '../domain/component.ts';
import { type Impact, IncidentStatus } from '../domain/incident.ts';
import { slugify } from '../status-page/component-groups.ts';
import type { PublicIncident, PublicSnapshot } from '../status-page/snapshot.ts';
import type { Clock } from '../time/clock.ts';
import { parseComponentChanges } from './drafts.ts';

/** How many incidents the public snapshot carries: Statuspage's incidents.json lists 50. */
const recentIncidents = 100;

/** Reads what has been published (and only that) into the snapshot the status page serves. */
export async function loadPublicSnapshot(
  db: Database,
  clock: Clock,
  config: Pick<AppConfig, 'statusPage' | 'components'> & { publicBaseUrl: string },
): Promise<PublicSnapshot> {
  const configured = new Set(config.components.flatMap((group) => group.items));
  const [rows, incidents] = await Promise.all([
    db.prisma.component.findMany({ orderBy: { position: 'asc' } }),
    db.prisma.incident.findMany({
      where: { publications: { some: {} } },
      orderBy: { id: 'desc' },
      take: recentIncidents,
      include: { publications: { orderBy: { id: 'desc' } }, components: true },
    }),
  ]);
  const components = rows
    .filter((row) => configured.has(row.name))
    .map((row) => ({
      id: `cmp-${row.id}`,
      name: row.name,
      group: row.groupName,
      position: row.position,
      status: ComponentState.parse(row.status),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }));
  const pageOrder = components.map((component) => component.name);

  const publicIncidents = incidents.map((incident): PublicIncident => {
    const updates = incident.publications.map((publication) => ({
      id: publication.id,
      status: IncidentStatus.parse(publication.status),
      body: publication.body,
      publishedAt: publication.publishedAt,
      affectedComponents: parseComponentChanges(publication.affectedComponents).map((change) => ({
        name: change.name,
        oldStatus: change.oldState,
        newStatus: change.newState,
      })),
    }));
    const latest = updates[0]!;
    const first = updates[updates.length - 1]!;
    const named = new Set([...incident.components.map((c) => c.componentName), ...updates.flatMap((u) => u.affectedComponents.map((c) => c.name))]);
    const monitoring = updates.filter((update) => update.status === 'monitoring').at(-1);
    return {
      number: incident.id,
      title: incident.title,
      status: latest.status,
      impact: incident.publications[0]!.impact as Impact,
      createdAt: first.publishedAt,
      updatedAt: latest.publishedAt,
      startedAt: incident.impactStart ?? incident.declaredAt,
      impactStart: incident.impactStart,
      impactEnd: incident.impactEnd,
      monitoringAt: monitoring?.publishedAt ?? null,
      resolvedAt: latest.status === 'resolved' ? latest.publishedAt : null,
      components: pageOrder.filter((name) => named.has(name)),
      updates,
    };
  });
  publicIncidents.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.number - a.number);

  return {
    builtAt: clock.now(),
    page: {
      id: slugify(config.statusPage.name) || 'status',
      name: config.statusPage.name,
      url: config.publicBaseUrl,
      timeZone: config.statusPage.timeZone,
      languages: config.statusPage.languages,
    },
    components,
    incidents: publicIncidents,
  };
}
