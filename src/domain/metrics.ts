/**
 * An incident's metrics, from its record: how long from its declaration to its first public update,
 * to identified, to monitoring and to resolved; how long customers were hurt; how many public updates
 * it had and the longest wait between two. Pure: the record is read by services/metrics/.
 */
import type { IncidentStatus } from './incident.ts';

/** A status the incident reached, from its timeline (status, reopened, resolved) or an approved public update. */
export interface Reached {
  status: IncidentStatus;
  /** When it happened: a timeline entry's occurredAt, which a back-dated entry sets to the time it happened. */
  at: Date;
  /** When it was written down: nothing written later can have happened after this. */
  recordedAt: Date;
}

export interface IncidentRecord {
  id: number;
  severity: number;
  components: readonly string[];
  declaredAt: Date;
  /** Its status now: a resolved incident that was reopened and is open again has no time to resolved. */
  status: string;
  impactStart: Date | null;
  impactEnd: Date | null;
  /** Internal status changes in timeline order (seq). */
  changes: readonly Reached[];
  /** Approved public updates (not the incident report) in the order they were approved. */
  updates: readonly Reached[];
}

export interface IncidentMeasures {
  id: number;
  severity: number;
  components: readonly string[];
  /** The declaration; moved back to the latest instant it can have been when a clock stamped it ahead. */
  start: Date;
  /** False when the declaration was stamped after something recorded later: its durations are unknown. */
  trustedStart: boolean;
  firstUpdateMs: number | null;
  identifiedMs: number | null;
  monitoringMs: number | null;
  resolvedMs: number | null;
  /** The impact window's length; 0 without a window. */
  impactMs: number;
  updates: number;
  largestGapMs: number | null;
}

/**
 * Which of a sequence's instants can be believed: one that happened after something written down
 * later in the same sequence (or after now) was stamped by a clock running ahead, and is left out
 * rather than measured as a negative or year-long span.
 */
function believable(sequence: readonly Reached[], now: Date): Reached[] {
  let bound = now.getTime();
  const kept: Reached[] = [];
  for (let i = sequence.length - 1; i >= 0; i--) {
    const item = sequence[i]!;
    if (item.at.getTime() <= bound) kept.push(item);
    bound = Math.min(bound, item.recordedAt.getTime());
  }
  return kept.reverse();
}

/** The latest the declaration can have happened: not after anything recorded later in the incident, nor after now. */
function latestPossibleStart(record: IncidentRecord, now: Date): number {
  return Math.min(now.getTime(), ...record.changes.map((c) => c.recordedAt.getTime()), ...record.updates.map((u) => u.recordedAt.getTime()));
}

/** Reached before the declaration (back-dated to then): reached by the time it was declared, so 0. */
const since = (start: number, at: Date) => Math.max(0, at.getTime() - start);

function firstOf(items: readonly Reached[], statuses: readonly string[]): Date | null {
  const ordered = items.filter((item) => statuses.includes(item.status)).map((item) => item.at.getTime());
  return ordered.length === 0 ? null : new Date(Math.min(...ordered));
}

/** The resolution that stands: the last one in timeline order, if the incident is resolved now and it can be believed. */
function lastResolution(record: IncidentRecord, changes: readonly Reached[]): Date | null {
  if (record.status !== 'resolved') return null;
  const last = record.changes.findLast((change) => change.status === 'resolved');
  return last && changes.includes(last) ? last.at : null;
}

function largestGap(updates: readonly Reached[]): number | null {
  if (updates.length < 2) return null;
  let gap = 0;
  for (let i = 1; i < updates.length; i++) gap = Math.max(gap, updates[i]!.at.getTime() - updates[i - 1]!.at.getTime());
  return gap;
}

/** Impact lasts to its end, else to the resolution, else (still going on) to now; a window backwards or ahead of now counts no further than now. */
function impactOf(record: IncidentRecord, resolution: Date | null, now: Date): number {
  if (record.impactStart === null) return 0;
  const end = Math.min(record.impactEnd?.getTime() ?? resolution?.getTime() ?? now.getTime(), now.getTime());
  return Math.max(0, end - record.impactStart.getTime());
}

export function measureIncident(record: IncidentRecord, now: Date): IncidentMeasures {
  const latestStart = latestPossibleStart(record, now);
  const trustedStart = record.declaredAt.getTime() <= latestStart;
  const start = Math.min(record.declaredAt.getTime(), latestStart);
  const changes = believable(record.changes, now);
  const updates = believable(record.updates, now);
  const resolution = lastResolution(record, changes);
  const reached = [...changes, ...updates];
  const measured = (at: Date | null) => (trustedStart && at !== null ? since(start, at) : null);
  return {
    id: record.id,
    severity: record.severity,
    components: record.components,
    start: new Date(start),
    trustedStart,
    firstUpdateMs: measured(updates[0]?.at ?? null),
    identifiedMs: measured(firstOf(reached, ['identified', 'monitoring'])),
    monitoringMs: measured(firstOf(reached, ['monitoring'])),
    resolvedMs: measured(resolution),
    impactMs: impactOf(record, resolution, now),
    updates: record.updates.length,
    largestGapMs: largestGap(updates),
  };
}
