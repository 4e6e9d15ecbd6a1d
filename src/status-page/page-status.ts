import { overallStatus, type OverallStatus } from '../domain/overall-status.ts';
import type { PublicIncident, PublicSnapshot } from './snapshot.ts';

/** Investigating, identified or monitoring: what Statuspage calls unresolved. */
export function openIncidents(snapshot: PublicSnapshot): PublicIncident[] {
  return snapshot.incidents.filter((incident) => incident.status !== 'resolved');
}

/** One rule for the JSON and the HTML, so the widget and the page never disagree. */
export function pageStatus(snapshot: PublicSnapshot): OverallStatus {
  return overallStatus(snapshot.components, openIncidents(snapshot));
}
