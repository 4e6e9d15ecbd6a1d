import type { IncidentMetrics } from '../../services/metrics/incident-metrics.ts';
import { type Group, type Measure, measures, type Stat } from '../../domain/metrics-summary.ts';
import { spanText } from '../../domain/metrics-period.ts';
import { formatDateTime, formatDuration } from '../../time/format.ts';

const measureTitles: Record<Measure, string> = {
  firstUpdate: 'first update',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  impact: 'impact',
  updates: 'updates',
  largestGap: 'largest gap',
};

/** A duration truncated as formatDuration does; the number of updates as a number, with one decimal when a median falls between two. */
function statValue(measure: Measure, value: number | null): string {
  if (value === null) return '—';
  if (measure === 'updates') return Number.isInteger(value) ? String(value) : value.toFixed(1);
  return formatDuration(value);
}

function cell(measure: Measure, stat: Stat): string {
  return stat.n === 0 ? '—' : `${statValue(measure, stat.median)} / ${statValue(measure, stat.p90)}`;
}

/**
 * One row per group, a column per measure, each cell its median / 90th percentile. Columns are padded
 * for a terminal and separated by | so that they still read apart in a proportional font.
 */
export function metricsTable(groups: readonly Group[]): string[] {
  const header = ['', 'incidents', ...measures.map((measure) => measureTitles[measure])];
  const rows = [header, ...groups.map((group) => [group.key, String(group.incidents), ...measures.map((measure) => cell(measure, group.stats[measure]))])];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((text, column) => text.padEnd(widths[column]!))
      .join(' | ')
      .trimEnd(),
  );
}

/** What the metrics cover, in the reader's zone: "over the last 90 days on CRM, as of 2021-09-15 10:50 GMT-03:00". */
export function metricsScope({ component, now, zone }: IncidentMetrics, sinceMs: number | undefined): string {
  const period = sinceMs === undefined ? 'all of history' : `the last ${spanText(sinceMs)}`;
  return `over ${period}${component ? ` on ${component}` : ''}, as of ${formatDateTime(now, zone)}`;
}

/** The period, the component and when, in the reader's zone, then one row for all, each severity and each component. */
export function renderMetrics(metrics: IncidentMetrics, sinceMs: number | undefined): string {
  const { summary, component } = metrics;
  const heading = `Incident metrics ${metricsScope(metrics, sinceMs)}: median / 90th percentile of those that reached each.`;
  if (summary.overall.incidents === 0) return `${heading}\nNo incidents declared in that period.`;
  const groups = [summary.overall, ...summary.bySeverity, ...(component ? [] : summary.byComponent)];
  return [heading, ...metricsTable(groups), 'By month, as CSV or as a report with charts: crisisroom metrics (see docs/metrics.md).'].join('\n');
}
