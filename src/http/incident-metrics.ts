import { Gauge, Histogram, type Registry } from 'prom-client';

/** One incident's measures as /metrics reads them: durations in milliseconds, null where it has none. */
interface Measured {
  severity: number;
  components: readonly string[];
  firstUpdateMs: number | null;
  identifiedMs: number | null;
  monitoringMs: number | null;
  resolvedMs: number | null;
  impactMs: number;
  largestGapMs: number | null;
}

export interface IncidentFigures {
  /** Every incident in the database, counted by severity and status. */
  counts: { severity: number; status: string; count: number }[];
  /** The incidents of the measured window. */
  measured: Measured[];
}

/** A minute to a week: incidents are measured in minutes and hours, rarely days. */
const buckets = [60, 300, 600, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200, 604_800];

const durations: [name: string, help: string, value: (m: Measured) => number | null][] = [
  ['crisisroom_incident_time_to_first_update_seconds', 'From declaration to the first approved public update', (m) => m.firstUpdateMs],
  ['crisisroom_incident_time_to_identified_seconds', 'From declaration to identified (or monitoring), internally or in a public update', (m) => m.identifiedMs],
  ['crisisroom_incident_time_to_monitoring_seconds', 'From declaration to monitoring, internally or in a public update', (m) => m.monitoringMs],
  [
    'crisisroom_incident_time_to_resolved_seconds',
    'From declaration to the resolution that stands (a reopened incident counts its whole life)',
    (m) => m.resolvedMs,
  ],
  ['crisisroom_incident_customer_impact_seconds', 'The customer-impact window; 0 for an incident without one', (m) => m.impactMs],
  ['crisisroom_incident_public_update_largest_gap_seconds', 'The longest wait between two public updates of an incident', (m) => m.largestGapMs],
];

/**
 * The incident metrics, set afresh from each scrape's figures: histograms here are not counts since
 * the process started but the distribution over the incidents of the last 90 days (at most the
 * newest 5,000), so histogram_quantile reads them without rate().
 */
export function incidentCollectors(registry: Registry) {
  const counts = new Gauge({
    name: 'crisisroom_incidents',
    help: 'Incidents in the database by severity (1 is the worst) and current status',
    labelNames: ['severity', 'status'],
    registers: [registry],
  });
  const read = new Gauge({
    name: 'crisisroom_incident_metrics_read',
    help: '1 when this scrape read the incidents, 0 when the database failed',
    registers: [registry],
  });
  const histograms = durations.map(
    ([name, help, value]) =>
      [new Histogram({ name, help: `${help}, over the last 90 days`, labelNames: ['severity'], buckets, registers: [registry] }), value] as const,
  );
  const componentIncidents = new Gauge({
    name: 'crisisroom_component_incidents',
    help: 'Incidents of the last 90 days on each component',
    labelNames: ['component'],
    registers: [registry],
  });
  const componentImpact = new Gauge({
    name: 'crisisroom_component_customer_impact_seconds',
    help: 'Customer-impact time of the last 90 days on each component, summed over its incidents',
    labelNames: ['component'],
    registers: [registry],
  });
  return {
    update(figures: IncidentFigures | null): void {
      for (const metric of [counts, componentIncidents, componentImpact, ...histograms.map(([histogram]) => histogram)]) metric.reset();
      read.set(figures ? 1 : 0);
      if (!figures) return;
      for (const row of figures.counts) counts.set({ severity: String(row.severity), status: row.status }, row.count);
      for (const incident of figures.measured) {
        const severity = String(incident.severity);
        for (const [histogram, value] of histograms) {
          const ms = value(incident);
          if (ms !== null) histogram.observe({ severity }, ms / 1000);
        }
        for (const component of incident.components) {
          componentIncidents.inc({ component });
          componentImpact.inc({ component }, incident.impactMs / 1000);
        }
      }
    },
  };
}
