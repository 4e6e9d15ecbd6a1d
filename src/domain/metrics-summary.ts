/**
 * Incident metrics taken together: by severity, component and month, each measure's count, median
 * and 90th percentile. Percentiles are linear between the two nearest values (spreadsheets'
 * PERCENTILE.INC), so a median of an even count is the mean of the middle two.
 */
import { fieldsOfWall, pad, wallAt } from '../time/zone.ts';
import type { IncidentMeasures } from './metrics.ts';

export const measures = ['firstUpdate', 'identified', 'monitoring', 'resolved', 'impact', 'updates', 'largestGap'] as const;
export type Measure = (typeof measures)[number];

/** Each measure of one incident, null where it has none: durations in milliseconds, updates as a count. */
export function measureValue(incident: IncidentMeasures, measure: Measure): number | null {
  switch (measure) {
    case 'firstUpdate':
      return incident.firstUpdateMs;
    case 'identified':
      return incident.identifiedMs;
    case 'monitoring':
      return incident.monitoringMs;
    case 'resolved':
      return incident.resolvedMs;
    case 'impact':
      return incident.impactMs;
    case 'largestGap':
      return incident.largestGapMs;
    case 'updates':
      return incident.updates;
  }
}

export interface Stat {
  /** How many incidents have this measure. */
  n: number;
  median: number | null;
  p90: number | null;
  total: number;
}

export interface Group {
  key: string;
  incidents: number;
  stats: Record<Measure, Stat>;
}

export interface MetricsSummary {
  overall: Group;
  bySeverity: Group[];
  byComponent: Group[];
  byMonth: Group[];
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (rank - below) * (sorted[above]! - sorted[below]!);
}

function statOf(values: number[]): Stat {
  values.sort((a, b) => a - b);
  return { n: values.length, median: percentile(values, 0.5), p90: percentile(values, 0.9), total: values.reduce((sum, v) => sum + v, 0) };
}

function groupOf(key: string, incidents: readonly IncidentMeasures[]): Group {
  const stats = Object.fromEntries(
    measures.map((measure) => [measure, statOf(incidents.flatMap((incident) => measureValue(incident, measure) ?? []))]),
  ) as Record<Measure, Stat>;
  return { key, incidents: incidents.length, stats };
}

/** `2021-09`: the month an incident was declared in, in the reader's zone. */
export function monthOf(instant: Date, zone: string): string {
  const { year, month } = fieldsOfWall(wallAt(instant, zone));
  return `${pad(year, 4)}-${pad(month)}`;
}

function groupsBy(incidents: readonly IncidentMeasures[], keysOf: (incident: IncidentMeasures) => readonly string[]): Map<string, IncidentMeasures[]> {
  const groups = new Map<string, IncidentMeasures[]>();
  for (const incident of incidents) {
    for (const key of keysOf(incident)) {
      const members = groups.get(key);
      if (members) members.push(incident);
      else groups.set(key, [incident]);
    }
  }
  return groups;
}

/** Components in the order given (the page's), then any no longer configured, by name; an incident on two components counts in both. */
export function summarize(incidents: readonly IncidentMeasures[], zone: string, componentOrder: readonly string[] = []): MetricsSummary {
  const bySeverity = groupsBy(incidents, (incident) => [`SEV${incident.severity}`]);
  const byComponent = groupsBy(incidents, (incident) => incident.components);
  const byMonth = groupsBy(incidents, (incident) => [monthOf(incident.start, zone)]);
  const rank = (name: string) => {
    const at = componentOrder.indexOf(name);
    return at < 0 ? componentOrder.length : at;
  };
  const sorted = (groups: Map<string, IncidentMeasures[]>, order: (a: string, b: string) => number) =>
    [...groups.keys()].sort(order).map((key) => groupOf(key, groups.get(key)!));
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    overall: groupOf('all', incidents),
    bySeverity: sorted(bySeverity, byName),
    byComponent: sorted(byComponent, (a, b) => rank(a) - rank(b) || byName(a, b)),
    byMonth: sorted(byMonth, byName),
  };
}
