import type { ComponentState } from '../component.ts';
import { daysEnding, type ZoneDay } from '../../time/days.ts';
import { worstState } from './component-groups.ts';

/** The states that count as something other than "up" on a day. */
export type DowntimeState = Exclude<ComponentState, 'operational'>;

export interface UptimeDay {
  /** `2021-09-13`, a calendar day in the page zone. */
  date: string;
  /** The worst state the component was in that day; null when it did not exist yet (no data). */
  worst: ComponentState | null;
  /** Milliseconds spent in each state other than operational. */
  durations: Record<DowntimeState, number>;
  /** The incidents that touched the component that day, in incident order. */
  incidents: { number: number; title: string }[];
}

export interface ComponentUptime {
  name: string;
  /**
   * Share of the measured time the component was up, weighted as Statuspage does: major outage counts
   * fully, partial outage 30 %, degraded performance and maintenance not at all. Null when no time was
   * measured. Measured time runs from the window's start (or the component's creation) to the snapshot.
   */
  uptime: number | null;
  /** Oldest first; the last one is the snapshot's day. */
  days: UptimeDay[];
}

/** What the computation needs of a published incident: PublicIncident satisfies it. */
export interface UptimeIncident {
  number: number;
  title: string;
  impactStart: Date | null;
  /** Null while the impact goes on: it then ends at the public resolution, else at the snapshot. */
  impactEnd: Date | null;
  /** When the latest published update said resolved; null while the incident is open. */
  resolvedAt: Date | null;
  /** Names of the components the incident affects. */
  components: readonly string[];
  /**
   * Published updates in any order (ids give the order they were published in). At least those inside
   * the window; all of them for an incident whose impact window reaches into it.
   */
  updates: readonly {
    id: number;
    publishedAt: Date;
    affectedComponents: readonly { name: string; oldStatus: ComponentState; newStatus: ComponentState }[];
  }[];
}

export interface UptimeInput {
  /** The snapshot's instant: the window ends with the day it falls on, and measuring stops at it. */
  now: Date;
  /** The page zone, whose calendar days the bars are. */
  zone: string;
  /** The public state of each component now, and when it appeared on the page. */
  components: readonly { name: string; status: ComponentState; createdAt: Date }[];
  incidents: readonly UptimeIncident[];
  days?: number;
}

export const uptimeDays = 90;

/** Statuspage's weights: a partial outage is counted as 30 % down. */
const weight: Record<DowntimeState, number> = {
  major_outage: 1,
  partial_outage: 0.3,
  degraded_performance: 0,
  under_maintenance: 0,
};

interface Change {
  incident: number;
  seq: number;
  at: number;
  oldStatus: ComponentState;
  newStatus: ComponentState;
}

interface ImpactWindow {
  incident: number;
  start: number;
  end: number;
  /** The incident's own non-operational states for the component, in publication order. */
  states: { at: number; state: ComponentState }[];
}

/**
 * Daily uptime per component, from two sources. The public state timeline (each published update's
 * component changes, at its publication) is what visitors saw, so no day shows better than that. An
 * incident's customer-impact window adds to it: updates go out minutes after the impact starts, and the
 * window records when it really did, so inside it the component is at least in the state the incident
 * published for it (the first one before any was published, the last one after it recovered on the page).
 */
export function computeUptime(input: UptimeInput): ComponentUptime[] {
  const days = daysEnding(input.now, input.zone, input.days ?? uptimeDays);
  const titles = new Map(input.incidents.map((incident) => [incident.number, incident.title]));
  return input.components.map((component) => componentUptime(component, days, input, titles));
}

function componentUptime(
  component: UptimeInput['components'][number],
  days: readonly ZoneDay[],
  input: UptimeInput,
  titles: ReadonlyMap<number, string>,
): ComponentUptime {
  const from = days[0]!.start.getTime();
  const now = Math.max(input.now.getTime(), from);
  const chain = changesOf(component.name, input.incidents, from, now);
  const windows = impactWindowsOf(component.name, input.incidents, from, now);
  const initial = chain[0]?.oldStatus ?? component.status;
  const stateAt = (t: number, changeIndex: number, open: readonly ImpactWindow[]): ComponentState => {
    const shown = changeIndex < 0 ? initial : chain[changeIndex]!.newStatus;
    const raised = open.filter((w) => w.start <= t && t < w.end).map((w) => windowState(w, t));
    return raised.length === 0 ? shown : worstState([shown, ...raised]);
  };

  const created = component.createdAt.getTime();
  const cuts = new Set<number>([from, now]);
  for (const day of days) cuts.add(day.start.getTime());
  for (const change of chain) cuts.add(change.at);
  for (const w of windows) for (const t of [w.start, w.end, ...w.states.map((s) => s.at)]) cuts.add(t);
  const instants = [...cuts].filter((t) => t >= from && t <= now).sort((a, b) => a - b);

  const summaries = days.map((day): UptimeDay & { measured: number } => ({
    date: day.date,
    worst: null,
    durations: { major_outage: 0, partial_outage: 0, degraded_performance: 0, under_maintenance: 0 },
    incidents: [],
    measured: 0,
  }));
  let dayIndex = 0;
  let changeIndex = -1;
  // A sweep: only the windows open at an instant are looked at, however many incidents the quarter had.
  const byStart = [...windows].sort((a, b) => a.start - b.start);
  let nextWindow = 0;
  let open: ImpactWindow[] = [];
  for (let i = 0; i + 1 < instants.length; i++) {
    const start = Math.max(instants[i]!, created);
    const end = instants[i + 1]!;
    if (start >= end) continue;
    while (days[dayIndex]!.end.getTime() <= start) dayIndex++;
    while (changeIndex + 1 < chain.length && chain[changeIndex + 1]!.at <= start) changeIndex++;
    while (nextWindow < byStart.length && byStart[nextWindow]!.start <= start) open.push(byStart[nextWindow++]!);
    open = open.filter((w) => w.end > start);
    const state = stateAt(start, changeIndex, open);
    const summary = summaries[dayIndex]!;
    summary.measured += end - start;
    summary.worst = summary.worst === null ? state : worstState([summary.worst, state]);
    if (state !== 'operational') summary.durations[state] += end - start;
  }
  // The snapshot taken at the very first instant of a day has measured none of it yet.
  const today = summaries.at(-1)!;
  if (today.worst === null && created <= now) today.worst = stateAt(now, chain.length - 1, windows);

  const touched = touchedDays(chain, windows, initial, days, from, now);
  summaries.forEach((summary, i) => {
    if (summary.worst === null) return;
    summary.incidents = [...(touched[i] ?? [])].sort((a, b) => a - b).map((number) => ({ number, title: titles.get(number) ?? '' }));
  });

  const measured = summaries.reduce((sum, day) => sum + day.measured, 0);
  const down = summaries.reduce(
    (sum, day) => sum + (Object.keys(weight) as DowntimeState[]).reduce((s, state) => s + day.durations[state] * weight[state], 0),
    0,
  );
  return {
    name: component.name,
    uptime: measured > 0 ? 1 - down / measured : null,
    days: summaries.map(({ measured: _, ...day }) => day),
  };
}

/**
 * The component's public state changes inside the window, in publication order. A clock stepped back
 * between two approvals cannot make time run backwards: each change is at the latest of the instants so far.
 */
function changesOf(name: string, incidents: readonly UptimeIncident[], from: number, now: number): Change[] {
  const changes = incidents.flatMap((incident) =>
    incident.updates.flatMap((update) =>
      update.affectedComponents
        .filter((change) => change.name === name && update.publishedAt.getTime() >= from)
        .map((change) => ({ incident: incident.number, seq: update.id, at: update.publishedAt.getTime(), ...change })),
    ),
  );
  changes.sort((a, b) => a.seq - b.seq);
  let latest = from;
  for (const change of changes) {
    latest = Math.min(Math.max(latest, change.at), now);
    change.at = latest;
  }
  return changes;
}

function impactWindowsOf(name: string, incidents: readonly UptimeIncident[], from: number, now: number): ImpactWindow[] {
  return incidents.flatMap((incident) => {
    const ownChanges = incident.updates
      .flatMap((update) =>
        update.affectedComponents.filter((c) => c.name === name).map((c) => ({ seq: update.id, at: update.publishedAt.getTime(), state: c.newStatus })),
      )
      .sort((a, b) => a.seq - b.seq);
    if (incident.impactStart === null || (!incident.components.includes(name) && ownChanges.length === 0)) return [];
    const end = (incident.impactEnd ?? incident.resolvedAt ?? new Date(now)).getTime();
    const window = { incident: incident.number, start: Math.max(incident.impactStart.getTime(), from), end: Math.min(end, now) };
    if (window.start >= window.end) return [];
    return [{ ...window, states: ownChanges.filter((c) => c.state !== 'operational').map(({ at, state }) => ({ at, state })) }];
  });
}

/** The incident's latest non-operational state published by `t`, else the first it published. */
function windowState(window: ImpactWindow, t: number): ComponentState {
  let state = window.states[0]?.state ?? 'operational';
  for (const published of window.states) if (published.at <= t) state = published.state;
  return state;
}

/**
 * The incidents that touched each day: those whose impact window overlaps it, and those that published
 * a change of the component during a stretch of non-operational state that overlaps it (the change that
 * began it, any in between, and the one that ended it).
 */
function touchedDays(
  chain: readonly Change[],
  windows: readonly ImpactWindow[],
  initial: ComponentState,
  days: readonly ZoneDay[],
  from: number,
  now: number,
): Set<number>[] {
  const touched = days.map(() => new Set<number>());
  const mark = (start: number, end: number, incidents: Iterable<number>) => {
    days.forEach((day, i) => {
      // A stretch that begins and ends at one instant still touched the day it happened on.
      if (day.start.getTime() <= Math.max(start, end - 1) && start < day.end.getTime()) for (const n of incidents) touched[i]!.add(n);
    });
  };
  for (const w of windows) mark(w.start, w.end, [w.incident]);
  let stretch: { start: number; incidents: Set<number> } | null = initial === 'operational' ? null : { start: from, incidents: new Set() };
  for (const change of chain) {
    if (stretch) stretch.incidents.add(change.incident);
    if (change.newStatus === 'operational') {
      if (stretch) mark(stretch.start, change.at, stretch.incidents);
      stretch = null;
    } else {
      stretch ??= { start: change.at, incidents: new Set([change.incident]) };
    }
  }
  if (stretch) mark(stretch.start, now, stretch.incidents);
  return touched;
}
