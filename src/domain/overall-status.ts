import type { ComponentState } from './component.ts';
import type { Impact } from './incident.ts';

export type OverallIndicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

/** Statuspage's own English wording; also the key under which the UI translates it. */
export type OverallDescription =
  | 'All Systems Operational'
  | 'Partially Degraded Service'
  | 'Minor Service Outage'
  | 'Partial System Outage'
  | 'Major Service Outage'
  | 'Service Under Maintenance';

export interface OverallStatus {
  indicator: OverallIndicator;
  description: OverallDescription;
}

/**
 * The page-wide state, by Statuspage's rule: the worst signal wins, whether it comes from a component
 * or from an open incident's impact. Maintenance only shows when nothing is actually broken, because a
 * visitor hit by an outage must not read "under maintenance".
 */
export function overallStatus(
  components: readonly { status: ComponentState }[],
  openIncidents: readonly { impact: Impact }[],
  activeMaintenance = false,
): OverallStatus {
  const states = new Set(components.map((component) => component.status));
  const impacts = new Set(openIncidents.map((incident) => incident.impact));

  if (states.has('major_outage') || impacts.has('critical')) {
    return { indicator: 'critical', description: 'Major Service Outage' };
  }
  if (states.has('partial_outage') || impacts.has('major')) {
    return { indicator: 'major', description: 'Partial System Outage' };
  }
  if (impacts.has('minor')) {
    return { indicator: 'minor', description: 'Minor Service Outage' };
  }
  if (states.has('degraded_performance')) {
    return { indicator: 'minor', description: 'Partially Degraded Service' };
  }
  if (states.has('under_maintenance') || activeMaintenance) {
    return { indicator: 'maintenance', description: 'Service Under Maintenance' };
  }
  return { indicator: 'none', description: 'All Systems Operational' };
}
