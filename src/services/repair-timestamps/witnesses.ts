/** Pure helpers that tell what a timestamp should have been, from what else is known about it. */

const dayMs = 86_400_000;

/**
 * Slack's message ts ("1631712345.678901", seconds and microseconds since the epoch, set by Slack's
 * servers) in ms, or null when the string is not one.
 */
export function slackTsTime(ts: string): number | null {
  const match = /^(\d{9,10})\.(\d{6})$/.exec(ts);
  return match ? Number(match[1]) * 1000 + Math.floor(Number(match[2]) / 1000) : null;
}

/** The ts of the message a Slack permalink points at: `https://acme.slack.com/archives/C024BE91L/p1631712345678901`. */
export function slackPermalinkTime(text: string): number | null {
  const match = /https:\/\/[^\s/]+\/archives\/[CDG][A-Z0-9]+\/p(\d{10})(\d{6})\b/.exec(text);
  return match ? slackTsTime(`${match[1]}.${match[2]}`) : null;
}

/** The same day and time of day `years` calendar years away (29 February falls on 28 February). */
function shiftYears(ms: number, years: number): number {
  const date = new Date(ms);
  const target = new Date(ms);
  target.setUTCFullYear(date.getUTCFullYear() + years);
  if (target.getUTCMonth() !== date.getUTCMonth()) target.setUTCDate(0);
  return target.getTime();
}

export interface Shift {
  time: number;
  /** "-1 year", "+3 days" */
  label: string;
}

/**
 * The one whole-year shift, or failing that the one whole-day shift, that brings `stored` inside
 * [lo, hi]. A clock that jumps to the wrong date (the seed incident: a server set to 2022) keeps the
 * time of day, so a unique such shift restores the instant itself, not just a bound on it. When no
 * shift fits, or several do (the window spans more than a day), nothing is claimed.
 */
export function calendarShift(stored: number, lo: number, hi: number): Shift | null {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) return null;
  const years = [-10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    .map((k) => ({ k, time: shiftYears(stored, k) }))
    .filter(({ time }) => time >= lo && time <= hi);
  if (years.length === 1) {
    const { k, time } = years[0]!;
    return { time, label: `${k > 0 ? '+' : ''}${k} year${Math.abs(k) === 1 ? '' : 's'}` };
  }
  if (years.length > 1) return null;
  const first = Math.ceil((lo - stored) / dayMs);
  const last = Math.floor((hi - stored) / dayMs);
  if (first !== last || first === 0) return null;
  const d = first;
  return { time: stored + d * dayMs, label: `${d > 0 ? '+' : ''}${d} day${Math.abs(d) === 1 ? '' : 's'}` };
}

/** The positions of one longest non-decreasing subsequence, the one ending in the smallest values. */
function keptPositions(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (values[tails[mid]!]! <= value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) kept.add(i);
  return kept;
}

/**
 * The positions outside a longest non-decreasing subsequence of `values`: the fewest records whose
 * removal leaves the sequence in order, so one bad record is blamed rather than all that follow it.
 * Read backwards, so that between equally long orders the record that goes back in time is blamed,
 * not the earlier ones it jumped behind.
 */
export function outOfOrderPositions(values: readonly number[]): Set<number> {
  const last = values.length - 1;
  const kept = keptPositions(values.map((_, i) => -values[last - i]!));
  return new Set(values.map((_, i) => i).filter((i) => !kept.has(last - i)));
}
