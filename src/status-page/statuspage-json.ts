import { formatIsoInZone } from '../time/format.ts';
import { incidentId } from '../domain/incident.ts';
import { layoutComponents, slugify, worstState } from '../domain/public-page/component-groups.ts';
import { activeMaintenances, lastChanged, openIncidents, pageStatus, upcomingMaintenances } from '../domain/public-page/page-status.ts';
import type { PublicComponent, PublicIncident, PublicMaintenance, PublicSnapshot, PublicUpdate } from '../domain/public-page/snapshot.ts';
import type {
  StatuspageComponent,
  StatuspageComponentsDocument,
  StatuspageIncident,
  StatuspageIncidentsDocument,
  StatuspageIncidentUpdate,
  StatuspageMaintenance,
  StatuspageMaintenancesDocument,
  StatuspageMaintenanceUpdate,
  StatuspagePage,
  StatuspageStatusDocument,
  StatuspageSummaryDocument,
} from './statuspage-types.ts';

/** Statuspage caps incidents.json at the 50 most recent. */
const incidentsLimit = 50;

export function summaryJson(snapshot: PublicSnapshot): StatuspageSummaryDocument {
  const components = componentEntries(snapshot);
  const lookup = byName(components);
  return {
    page: pageJson(snapshot),
    components,
    incidents: openIncidents(snapshot).map((incident) => incidentJson(snapshot, incident, lookup)),
    scheduled_maintenances: [...activeMaintenances(snapshot), ...upcomingMaintenances(snapshot)].map((m) => maintenanceJson(snapshot, m, lookup)),
    status: pageStatus(snapshot),
  };
}

export function statusJson(snapshot: PublicSnapshot): StatuspageStatusDocument {
  return { page: pageJson(snapshot), status: pageStatus(snapshot) };
}

export function componentsJson(snapshot: PublicSnapshot): StatuspageComponentsDocument {
  return { page: pageJson(snapshot), components: componentEntries(snapshot) };
}

export function incidentsJson(snapshot: PublicSnapshot): StatuspageIncidentsDocument {
  const components = byName(componentEntries(snapshot));
  return {
    page: pageJson(snapshot),
    incidents: snapshot.incidents.slice(0, incidentsLimit).map((incident) => incidentJson(snapshot, incident, components)),
  };
}

export function unresolvedIncidentsJson(snapshot: PublicSnapshot): StatuspageIncidentsDocument {
  const components = byName(componentEntries(snapshot));
  return {
    page: pageJson(snapshot),
    incidents: openIncidents(snapshot).map((incident) => incidentJson(snapshot, incident, components)),
  };
}

/** scheduled-maintenances.json: the 50 most recent, latest start first, completed ones included. */
export function scheduledMaintenancesJson(snapshot: PublicSnapshot): StatuspageMaintenancesDocument {
  const latestFirst = [...snapshot.maintenances].sort((a, b) => b.scheduledFor.getTime() - a.scheduledFor.getTime());
  return maintenancesDocument(snapshot, latestFirst.slice(0, incidentsLimit));
}

/** scheduled-maintenances/upcoming.json: not started yet, soonest first. */
export function upcomingMaintenancesJson(snapshot: PublicSnapshot): StatuspageMaintenancesDocument {
  return maintenancesDocument(snapshot, upcomingMaintenances(snapshot));
}

/** scheduled-maintenances/active.json: in progress or verifying. */
export function activeMaintenancesJson(snapshot: PublicSnapshot): StatuspageMaintenancesDocument {
  return maintenancesDocument(snapshot, activeMaintenances(snapshot));
}

function maintenancesDocument(snapshot: PublicSnapshot, maintenances: readonly PublicMaintenance[]): StatuspageMaintenancesDocument {
  const components = byName(componentEntries(snapshot));
  return { page: pageJson(snapshot), scheduled_maintenances: maintenances.map((m) => maintenanceJson(snapshot, m, components)) };
}

function pageJson(snapshot: PublicSnapshot): StatuspagePage {
  const { page } = snapshot;
  return {
    id: page.id,
    name: page.name,
    url: page.url,
    time_zone: page.timeZone,
    updated_at: formatIsoInZone(lastChanged(snapshot), page.timeZone),
  };
}

/**
 * Groups are entries of their own (`group: true`, `components: [member ids]`) placed before their
 * members, which point back through `group_id`. Positions number the entries in that order.
 */
function componentEntries(snapshot: PublicSnapshot): StatuspageComponent[] {
  const zone = snapshot.page.timeZone;
  const pageId = snapshot.page.id;
  const entries: StatuspageComponent[] = [];
  const member = (component: PublicComponent, groupId: string | null): StatuspageComponent => ({
    id: component.id,
    name: component.name,
    status: component.status,
    created_at: formatIsoInZone(component.createdAt, zone),
    updated_at: formatIsoInZone(component.updatedAt, zone),
    position: entries.length + 1,
    description: null,
    showcase: true,
    start_date: null,
    group_id: groupId,
    page_id: pageId,
    group: false,
    only_show_if_degraded: false,
  });
  for (const entry of layoutComponents(snapshot.components)) {
    if (entry.kind === 'component') {
      entries.push(member(entry.component, null));
      continue;
    }
    const { members } = entry;
    const created = Math.min(...members.map((component) => component.createdAt.getTime()));
    const updated = Math.max(...members.map((component) => component.updatedAt.getTime()));
    entries.push({
      id: entry.id,
      name: entry.name,
      status: worstState(members.map((component) => component.status)),
      created_at: formatIsoInZone(new Date(created), zone),
      updated_at: formatIsoInZone(new Date(updated), zone),
      position: entries.length + 1,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: members.map((component) => component.id),
    });
    for (const component of members) entries.push(member(component, entry.id));
  }
  return entries;
}

/** Incidents and updates name their components; Statuspage embeds the component objects and ids. */
function byName(components: readonly StatuspageComponent[]): ReadonlyMap<string, StatuspageComponent> {
  return new Map(components.filter((entry) => !entry.group).map((entry) => [entry.name, entry]));
}

function incidentJson(snapshot: PublicSnapshot, incident: PublicIncident, components: ReadonlyMap<string, StatuspageComponent>): StatuspageIncident {
  const zone = snapshot.page.timeZone;
  const id = incidentId(incident.number);
  const at = (instant: Date | null) => (instant === null ? null : formatIsoInZone(instant, zone));
  const { report } = incident;
  return {
    id,
    name: incident.title,
    status: report ? 'postmortem' : incident.status,
    created_at: formatIsoInZone(incident.createdAt, zone),
    updated_at: formatIsoInZone(incident.updatedAt, zone),
    monitoring_at: at(incident.monitoringAt),
    resolved_at: at(incident.resolvedAt),
    impact: incident.impact,
    shortlink: `${snapshot.page.url}/incidents/${id}`,
    started_at: formatIsoInZone(incident.startedAt, zone),
    page_id: snapshot.page.id,
    incident_updates: incident.updates.map((update) => updateJson(update, id, zone, components)),
    // A component removed from the configuration since the incident is left out rather than invented.
    components: incident.components.flatMap((name) => {
      const component = components.get(name);
      return component ? [component] : [];
    }),
    related_incidents: incident.related.map((other) => ({
      id: incidentId(other.number),
      name: other.title,
      relation: other.relation,
      created_at: formatIsoInZone(other.createdAt, zone),
    })),
    ...(report ? { postmortem_body: report.body, postmortem_published_at: formatIsoInZone(report.publishedAt, zone) } : {}),
  };
}

function updateJson(update: PublicUpdate, incident: string, zone: string, components: ReadonlyMap<string, StatuspageComponent>): StatuspageIncidentUpdate {
  const posted = formatIsoInZone(update.publishedAt, zone);
  return {
    id: String(update.id),
    status: update.status,
    body: update.body,
    incident_id: incident,
    created_at: posted,
    updated_at: posted,
    display_at: posted,
    affected_components:
      update.affectedComponents.length === 0
        ? null
        : update.affectedComponents.map((change) => ({
            // The update keeps the name it was published with, even if that component is gone now.
            code: components.get(change.name)?.id ?? slugify(change.name),
            name: change.name,
            old_status: change.oldStatus,
            new_status: change.newStatus,
          })),
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  };
}

/** Statuspage's own wording for the updates it posts when a maintenance changes state by itself. */
const maintenanceBodies = {
  scheduled: 'We will be undergoing scheduled maintenance during this time.',
  in_progress: 'Scheduled maintenance is currently in progress. We will provide updates as necessary.',
  completed: 'The scheduled maintenance has been completed.',
} as const;

/** One update per state reached, newest first; the statuses follow from the window and builtAt alone. */
function maintenanceJson(
  snapshot: PublicSnapshot,
  maintenance: PublicMaintenance,
  components: ReadonlyMap<string, StatuspageComponent>,
): StatuspageMaintenance {
  const zone = snapshot.page.timeZone;
  const { id, status, scheduledFor, scheduledUntil } = maintenance;
  const started = status !== 'scheduled';
  const completed = status === 'completed';
  // Scheduled "now", it was announced just after its start: the announcement still comes first.
  const announced = new Date(Math.min(maintenance.createdAt.getTime(), scheduledFor.getTime()));
  const reached = [
    ...(completed ? [['completed', scheduledUntil] as const] : []),
    ...(started ? [['in_progress', scheduledFor] as const] : []),
    ['scheduled', announced] as const,
  ];
  const updates = reached.map(([state, at]): StatuspageMaintenanceUpdate => {
    const posted = formatIsoInZone(at, zone);
    return {
      id: `${id}-${state}`,
      status: state,
      body: maintenanceBodies[state],
      incident_id: id,
      created_at: posted,
      updated_at: posted,
      display_at: posted,
      affected_components: null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    };
  });
  return {
    id,
    name: maintenance.title,
    status,
    created_at: formatIsoInZone(maintenance.createdAt, zone),
    updated_at: formatIsoInZone(maintenance.updatedAt, zone),
    monitoring_at: null,
    resolved_at: completed ? formatIsoInZone(scheduledUntil, zone) : null,
    impact: 'maintenance',
    shortlink: `${snapshot.page.url}/incidents/${id}`,
    started_at: formatIsoInZone(maintenance.createdAt, zone),
    page_id: snapshot.page.id,
    incident_updates: updates,
    components: maintenance.components.flatMap((name) => {
      const component = components.get(name);
      return component ? [component] : [];
    }),
    scheduled_for: formatIsoInZone(scheduledFor, zone),
    scheduled_until: formatIsoInZone(scheduledUntil, zone),
  };
}
