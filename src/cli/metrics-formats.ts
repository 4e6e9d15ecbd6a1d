import { metricsScope, metricsTable } from '../chat/render/metrics.ts';
import { incidentId } from '../domain/incident.ts';
import type { IncidentMeasures } from '../domain/metrics.ts';
import { type Group, type Measure, measureValue, measures } from '../domain/metrics-summary.ts';
import type { IncidentMetrics } from '../services/metrics/incident-metrics.ts';
import { formatIsoInZone } from '../time/format.ts';

/** CSV and JSON name each measure with its unit: durations in seconds, customer impact in minutes, as the issue asked. */
const fieldOf: Record<Measure, { name: string; divisor: number }> = {
  firstUpdate: { name: 'first_update_seconds', divisor: 1000 },
  identified: { name: 'identified_seconds', divisor: 1000 },
  monitoring: { name: 'monitoring_seconds', divisor: 1000 },
  resolved: { name: 'resolved_seconds', divisor: 1000 },
  impact: { name: 'impact_minutes', divisor: 60_000 },
  updates: { name: 'updates', divisor: 1 },
  largestGap: { name: 'largest_gap_seconds', divisor: 1000 },
};

/** Three decimals at most: milliseconds of a second, and no float noise. */
const inUnit = (measure: Measure, value: number | null) => (value === null ? null : Math.round((value / fieldOf[measure].divisor) * 1000) / 1000);

const groupings = (metrics: IncidentMetrics): [string, Group[]][] => [
  ['all', [metrics.summary.overall]],
  ['severity', metrics.summary.bySeverity],
  ['component', metrics.summary.byComponent],
  ['month', metrics.summary.byMonth],
];

export function metricsText(metrics: IncidentMetrics, sinceMs: number | undefined): string {
  const heading = `Incident metrics ${metricsScope(metrics, sinceMs)}; months in ${metrics.zone}. Each cell: median / 90th percentile of the incidents that reached it.`;
  if (metrics.incidents.length === 0) return `${heading}\nNo incidents declared in that period.\n`;
  const sections = groupings(metrics).map(([by, groups]) => [by === 'all' ? '\nAll incidents:' : `\nBy ${by}:`, ...metricsTable(groups)].join('\n'));
  return `${heading}\n${sections.join('\n')}\n`;
}

/** A field as RFC 4180 has it: quoted when it holds a comma, a quote or a line break. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row per group: by severity, component and month, each measure's n, median and 90th percentile (and total). */
export function metricsCsv(metrics: IncidentMetrics): string {
  const header = ['group', 'key', 'incidents', ...measures.flatMap((m) => ['n', 'median', 'p90', 'total'].map((stat) => `${fieldOf[m].name}_${stat}`))];
  const rows = groupings(metrics).flatMap(([by, groups]) =>
    groups.map((group) => [
      by,
      group.key,
      group.incidents,
      ...measures.flatMap((m) => {
        const stat = group.stats[m];
        return [stat.n, inUnit(m, stat.median), inUnit(m, stat.p90), inUnit(m, stat.total)];
      }),
    ]),
  );
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function groupJson(group: Group) {
  return {
    key: group.key,
    incidents: group.incidents,
    ...Object.fromEntries(
      measures.map((m) => {
        const stat = group.stats[m];
        return [fieldOf[m].name, { n: stat.n, median: inUnit(m, stat.median), p90: inUnit(m, stat.p90), total: inUnit(m, stat.total) }];
      }),
    ),
  };
}

function incidentJson(incident: IncidentMeasures, zone: string) {
  return {
    id: incidentId(incident.id),
    severity: incident.severity,
    components: incident.components,
    declared: formatIsoInZone(incident.start, zone),
    ...Object.fromEntries(measures.map((m) => [fieldOf[m].name, inUnit(m, measureValue(incident, m))])),
  };
}

/** The summary and every incident's own measures, instants with their offset in the reader's zone. */
export function metricsJson(metrics: IncidentMetrics): string {
  const { zone } = metrics;
  const document = {
    now: formatIsoInZone(metrics.now, zone),
    since: metrics.since && formatIsoInZone(metrics.since, zone),
    component: metrics.component,
    zone,
    ...Object.fromEntries(
      groupings(metrics).map(([by, groups]) => [by === 'all' ? 'all' : `by_${by}`, by === 'all' ? groupJson(groups[0]!) : groups.map(groupJson)]),
    ),
    incidents: metrics.incidents.map((incident) => incidentJson(incident, zone)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
