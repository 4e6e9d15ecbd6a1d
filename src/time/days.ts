import { fieldsOfWall, offsetAt, pad, resolveWall, wallAt, wallFromFields } from './zone.ts';

/** One calendar day of a zone, as the instants it spans. */
export interface ZoneDay {
  /** `2021-09-13`: the date as the zone's calendar reads it. */
  date: string;
  /** The first instant of the day. */
  start: Date;
  /** The first instant of the next day: days are 23, 24 or 25 hours long across DST changes. */
  end: Date;
}

/**
 * The first instant at which the zone's clock shows the date: its midnight, or, where a DST change
 * skips midnight (Brazil moved its clocks at 00:00 until 2019), the instant the clock jumps past it.
 * `day` may overflow the month, as in Date.UTC.
 */
function startOfDay(year: number, month: number, day: number, zone: string): Date {
  const midnight = wallFromFields({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });
  const resolution = resolveWall(midnight, zone);
  if (resolution.kind === 'unique') return resolution.instant;
  // Fall back: midnight is read twice, and the day begins at the first.
  if (resolution.kind === 'overlap') return resolution.readings[0];
  // Spring forward: the later reading is already past the jump, so it carries the new offset.
  return new Date(resolution.jumpTo - offsetAt(resolution.readings[1], zone));
}

/** The `count` calendar days of the zone that end with the one `now` falls on, oldest first. */
export function daysEnding(now: Date, zone: string, count: number): ZoneDay[] {
  const today = fieldsOfWall(wallAt(now, zone));
  const starts: { date: string; start: Date }[] = [];
  for (let back = count - 1; back >= -1; back--) {
    // Wall arithmetic on a UTC-based value normalises the day into the right month and year.
    const f = fieldsOfWall(wallFromFields({ ...today, day: today.day - back, hour: 0, minute: 0, second: 0, millisecond: 0 }));
    starts.push({ date: `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`, start: startOfDay(f.year, f.month, f.day, zone) });
  }
  return starts.slice(0, -1).map((day, i) => ({ ...day, end: starts[i + 1]!.start }));
}
