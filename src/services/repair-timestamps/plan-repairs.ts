import { calendarShift, outOfOrderPositions } from './witnesses.ts';

export const repairableTables = [
  'TimelineEntry',
  'Incident',
  'PublicDraft',
  'Publication',
  'Delivery',
  'DeliveryAttempt',
  'ChatRoom',
  'Component',
  'ChannelSubscription',
  'WebhookEndpoint',
  'EmailSubscriber',
  'Maintenance',
  'IncidentRelation',
  'FollowUp',
  'IncidentRole',
  'Reminder',
  'AuditLog',
] as const;
export type TableName = (typeof repairableTables)[number];

/** One stored instant that records when something happened, with what is known about it. */
export interface Stamp {
  table: TableName;
  id: number;
  field: string;
  incidentId: number | null;
  value: number;
  /** The records of one series were written one after another: their times must not go back along `order`. */
  series?: { key: string; order: number };
  /** The platform's own record of the instant (a Slack message ts): an exact witness. */
  platform?: { time: number; witness: string };
  /** Keys (see stampKey) of instants this one cannot precede or follow, e.g. occurredAt ≤ recordedAt. */
  notBefore?: string[];
  notAfter?: string[];
  /** For a record outside any series: instants whose latest stands in for it when nothing better witnesses it. */
  standIns?: string[];
}

export interface Finding {
  table: TableName;
  id: number;
  field: string;
  incidentId: number | null;
  stored: Date;
  /** "future", "out of order", "after TimelineEntry #4 recordedAt" */
  problems: string[];
  /** Null when nothing witnesses the right value: the record is listed and left alone. */
  proposed: Date | null;
  witness: string;
}

export interface PlanOptions {
  /** The verified now, in ms. */
  now: number;
  /** Differences up to this are clock noise between replicas and transactions, not findings. */
  toleranceMs: number;
}

export const stampKey = (table: TableName, id: number, field: string) => `${table}#${id}.${field}`;
const labelOf = (key: string) => key.replace(/\.(\w+)$/, ' $1').replace('#', ' #');

/** The index of the first of the ascending `sorted` that is greater than `value`. */
function firstAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

interface Known {
  time: number;
  label: string;
}

/**
 * Finds the instants that cannot be right (later than the verified now, or out of order in their
 * series, or on the wrong side of an instant they depend on) and proposes a correction from the best
 * witness, in this order:
 *   1. the platform's own timestamp (exact);
 *   2. an instant written in the same transaction that has been corrected (same stored value: same
 *      wrong clock reading), which moves with it;
 *   3. the one whole-year or whole-day shift that lands it between its neighbours (a clock set to the
 *      wrong date keeps the time of day);
 *   4. its neighbours: just after the previous good record of its series, never after the next one;
 *      outside a series, the latest of the row's own instants that stand in for it (updatedAt ← createdAt);
 *   5. nothing: listed as having no witness.
 * Groups are planned in the order given, so later groups see the corrections of earlier ones.
 */
export function planRepairs(groups: readonly (readonly Stamp[])[], { now, toleranceMs }: PlanOptions): Finding[] {
  const stored = new Map<string, number>();
  for (const group of groups) for (const stamp of group) stored.set(stampKey(stamp.table, stamp.id, stamp.field), stamp.value);
  const corrected = new Map<string, number>();
  const byInstant = new Map<number, Known>();
  const findings: Finding[] = [];
  const effective = (key: string): Known | null => {
    const time = corrected.get(key) ?? stored.get(key);
    return time === undefined ? null : { time, label: labelOf(key) };
  };
  const latest = (keys: readonly string[] = []) => keys.map(effective).reduce<Known | null>((best, k) => (k && (!best || k.time > best.time) ? k : best), null);
  const earliest = (keys: readonly string[] = []) =>
    keys.map(effective).reduce<Known | null>((best, k) => (k && (!best || k.time < best.time) ? k : best), null);

  /**
   * A record written with the same clock reading as one found wrong was stamped by the same wrong
   * clock, even where nothing else gives it away (a year-ahead stamp no longer in the future).
   */
  const wrongTwin = (stamp: Stamp): Known | null => {
    const twin = byInstant.get(stamp.value);
    return twin && twin.time !== stamp.value ? twin : null;
  };

  function ownProblems(stamp: Stamp): string[] {
    const after = earliest(stamp.notAfter);
    const before = latest(stamp.notBefore);
    const problems = [
      ...(stamp.value > now + toleranceMs ? ['future'] : []),
      ...(after && stamp.value > after.time + toleranceMs && stamp.value <= now + toleranceMs ? [`after ${after.label}`] : []),
      ...(before && stamp.value < before.time - toleranceMs ? [`before ${before.label}`] : []),
    ];
    const twin = wrongTwin(stamp);
    return problems.length === 0 && twin ? [`same clock reading as ${twin.label}`] : problems;
  }

  function propose(stamp: Stamp, lo: Known | null, hi: Known | null, seriesNext: Known | null): { time: number; witness: string } | null {
    const low = lo?.time ?? -Infinity;
    const high = Math.min(hi?.time ?? Infinity, now);
    const fits = (time: number) => time >= low && time <= high;
    if (stamp.platform && fits(stamp.platform.time)) return stamp.platform;
    const twin = byInstant.get(stamp.value);
    if (twin && fits(twin.time)) return { time: twin.time, witness: `written with ${twin.label}` };
    const shift = calendarShift(stamp.value, low, high);
    if (shift) return { time: shift.time, witness: `calendar shift ${shift.label}` };
    if (stamp.series) {
      if (lo && lo.time <= high + toleranceMs) return { time: Math.min(lo.time + 1, high), witness: `just after ${lo.label}` };
      if (seriesNext) return { time: seriesNext.time, witness: `at ${seriesNext.label}, the next record` };
      return null;
    }
    const standIn = latest(stamp.standIns);
    if (standIn && fits(standIn.time)) return { time: standIn.time, witness: `latest known change: ${standIn.label}` };
    return null;
  }

  function record(stamp: Stamp, problems: string[], proposal: { time: number; witness: string } | null): void {
    const key = stampKey(stamp.table, stamp.id, stamp.field);
    findings.push({
      table: stamp.table,
      id: stamp.id,
      field: stamp.field,
      incidentId: stamp.incidentId,
      stored: new Date(stamp.value),
      problems,
      proposed: proposal ? new Date(proposal.time) : null,
      witness: proposal?.witness ?? 'cannot repair: no witness',
    });
    if (!proposal) return;
    corrected.set(key, proposal.time);
    if (!byInstant.has(stamp.value)) byInstant.set(stamp.value, { time: proposal.time, label: labelOf(key) });
  }

  function planSeries(series: Stamp[]): void {
    const values = series.map((stamp) => stamp.value);
    const inTime = series.map((_, i) => i).filter((i) => values[i]! <= now + toleranceMs && !wrongTwin(series[i]!));
    const unordered = new Set([...outOfOrderPositions(inTime.map((i) => values[i]!))].map((p) => inTime[p]!));
    const kept = inTime.filter((i) => !unordered.has(i));
    const flagged = series.map((stamp, i) => {
      const problems = ownProblems(stamp);
      if (unordered.has(i)) {
        const at = firstAfter(kept, i);
        const before = kept[at - 1];
        const after = kept[at];
        const late = after !== undefined && values[i]! > values[after]! + toleranceMs;
        const early = before !== undefined && values[i]! < values[before]! - toleranceMs;
        if (late || early) problems.unshift('out of order');
      }
      return problems;
    });
    const labelAt = (i: number) => labelOf(stampKey(series[i]!.table, series[i]!.id, series[i]!.field));
    const nextGood: (Known | null)[] = new Array<Known | null>(series.length).fill(null);
    for (let i = series.length - 2; i >= 0; i--) {
      nextGood[i] = flagged[i + 1]!.length === 0 ? { time: values[i + 1]!, label: labelAt(i + 1) } : nextGood[i + 1]!;
    }
    let previous: Known | null = null;
    series.forEach((stamp, i) => {
      if (flagged[i]!.length === 0) {
        previous = { time: values[i]!, label: labelAt(i) };
        return;
      }
      const bound = latest(stamp.notBefore);
      const lo: Known | null = previous && (!bound || previous.time >= bound.time) ? previous : bound;
      const limit = earliest(stamp.notAfter);
      const next = nextGood[i]!;
      const hi = next && (!limit || next.time <= limit.time) ? next : limit;
      const proposal = propose(stamp, lo, hi, next);
      record(stamp, flagged[i]!, proposal);
      if (proposal) previous = { time: proposal.time, label: labelAt(i) };
    });
  }

  for (const group of groups) {
    const series = new Map<string, Stamp[]>();
    for (const stamp of group) {
      if (stamp.series) {
        const list = series.get(stamp.series.key) ?? [];
        list.push(stamp);
        series.set(stamp.series.key, list);
        continue;
      }
      const problems = ownProblems(stamp);
      if (problems.length > 0) record(stamp, problems, propose(stamp, latest(stamp.notBefore), earliest(stamp.notAfter), null));
    }
    for (const list of series.values()) planSeries(list.sort((a, b) => a.series!.order - b.series!.order));
  }
  return findings;
}
