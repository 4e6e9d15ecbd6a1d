import { overallStatus, type OverallStatus } from '../overall-status.ts';
import type { PublicComponent, PublicIncident, PublicMaintenance, PublicSnapshot } from './snapshot.ts';

/** Investigating, identified or monitoring: what Statuspage calls unresolved. */
export function openIncidents(snapshot: PublicSnapshot): PublicIncident[] {
  return snapshot.incidents.filter((incident) => incident.status !== 'resolved');
}

function isActive(maintenance: PublicMaintenance): boolean {
  return maintenance.status === 'in_progress' || maintenance.status === 'verifying';
}

/** In progress (or verifying): Statuspage's scheduled-maintenances/active.json. */
export function activeMaintenances(snapshot: PublicSnapshot): PublicMaintenance[] {
  return snapshot.maintenances.filter(isActive);
}

/** Not started yet: Statuspage's scheduled-maintenances/upcoming.json. */
export function upcomingMaintenances(snapshot: PublicSnapshot): PublicMaintenance[] {
  return snapshot.maintenances.filter((maintenance) => maintenance.status === 'scheduled');
}

/**
 * When what the page shows last changed: its latest published update or report, component change, or
 * maintenance change (an edit, or a start or end once passed). This, not the snapshot's build, is the
 * page's "updated": a rebuild changes nothing the public sees, and these instants were dated when the
 * change was made, by a checked clock. A page showing nothing at all is as of its build.
 */
export function lastChanged(snapshot: PublicSnapshot): Date {
  const changes = [...snapshot.components, ...snapshot.incidents, ...snapshot.maintenances].map((shown) => shown.updatedAt.getTime());
  return changes.length === 0 ? snapshot.builtAt : new Date(Math.max(...changes));
}

/** One rule for the JSON and the HTML, so the widget and the page never disagree. */
export function pageStatus(snapshot: PublicSnapshot): OverallStatus {
  return overallStatus(snapshot.components, openIncidents(snapshot), activeMaintenances(snapshot).length > 0);
}

/**
 * The components as shown: an operational one named by a maintenance in progress is under_maintenance
 * (since that maintenance began); any worse state it is in shows instead, as an outage must not read
 * "under maintenance".
 */
export function withMaintenance(components: readonly PublicComponent[], maintenances: readonly PublicMaintenance[]): PublicComponent[] {
  const active = maintenances.filter(isActive);
  return components.map((component) => {
    if (component.status !== 'operational') return component;
    const since = active.filter((maintenance) => maintenance.components.includes(component.name)).map((maintenance) => maintenance.scheduledFor.getTime());
    if (since.length === 0) return component;
    const updatedAt = new Date(Math.max(component.updatedAt.getTime(), Math.min(...since)));
    return { ...component, status: 'under_maintenance', updatedAt };
  });
}
