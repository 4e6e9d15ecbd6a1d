import type { AppConfig } from '../../config.ts';
import { reportTitlesOf } from '../../i18n/report-templates.ts';
import type { Database } from '../../db/client.ts';
import { ComponentState } from '../../domain/component.ts';
import { slugify } from '../../domain/public-page/component-groups.ts';
import { withMaintenance } from '../../domain/public-page/page-status.ts';
import type { PublicIncident, PublicSnapshot } from '../../domain/public-page/snapshot.ts';
import { type CadenceSettings, nextUpdateDue } from '../../domain/cadence.ts';
import { impacts } from '../../domain/incident.ts';
import type { Clock } from '../../time/clock.ts';
import { newestFirst, publicIncidentFrom, publicIncidentSelect, publishedIncidentFilter } from '../../db/stores/public-incidents.ts';
import { loadPublicMaintenances } from '../maintenance/list-maintenances.ts';
import { loadUptime } from './load-uptime.ts';

/** How many incidents the public snapshot carries: Statuspage's incidents.json lists 50. */
const recentIncidents = 100;

/** Reads what has been published (and only that) into the snapshot the status page serves. */
export async function loadPublicSnapshot(
  db: Database,
  clock: Clock,
  config: Pick<AppConfig, 'statusPage' | 'components'> &
    Partial<Pick<AppConfig, 'reports' | 'cadence'>> & { publicBaseUrl: string; emailSubscriptions?: boolean },
): Promise<PublicSnapshot> {
  const builtAt = clock.now();
  const configured = new Set(config.components.flatMap((group) => group.items));
  const [rows, incidents] = await Promise.all([
    db.prisma.component.findMany({ orderBy: { position: 'asc' } }),
    db.prisma.incident.findMany({
      where: publishedIncidentFilter,
      orderBy: { id: 'desc' },
      take: recentIncidents,
      select: publicIncidentSelect,
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
  const maintenances = await loadPublicMaintenances(db.prisma, builtAt, pageOrder);
  // The public states as published: the bars must not read a maintenance's display state as history.
  const uptime = await loadUptime(db, builtAt, config.statusPage.timeZone, components);

  const publicIncidents = incidents.map((incident) => publicIncidentFrom(incident, pageOrder)).sort(newestFirst);
  if (config.cadence?.showOnPage) for (const incident of publicIncidents) promiseNextUpdate(incident, config.cadence, builtAt);

  return {
    builtAt,
    page: {
      id: slugify(config.statusPage.name) || 'status',
      name: config.statusPage.name,
      url: config.publicBaseUrl,
      timeZone: config.statusPage.timeZone,
      languages: config.statusPage.languages,
      reportTitles: reportTitlesOf(config),
      emailSubscriptions: config.emailSubscriptions ?? false,
    },
    components: withMaintenance(components, maintenances),
    incidents: publicIncidents,
    maintenances,
    uptime,
  };
}

/**
 * The next public update an open incident promises, by the cadence of the severity its published
 * impact stands for, while it is still ahead: the page is rebuilt when it passes (maintenance-timer.ts).
 */
function promiseNextUpdate(incident: PublicIncident, cadence: CadenceSettings, now: Date): void {
  if (incident.status === 'resolved') return;
  // critical is SEV1 … none is SEV4 (impactOf).
  const severity = impacts.length - impacts.indexOf(incident.impact);
  const due = nextUpdateDue(cadence, { severity, declaredAt: incident.createdAt }, incident.updates[0]?.publishedAt ?? null);
  if (due && due.getTime() > now.getTime()) incident.nextUpdateBy = due;
}
