/**
 * The grammar of times people type, kept apart from what those times mean on a calendar (parse.ts):
 * this file says what was written and whether it names a real date, time of day and zone.
 */
import { canonicalZone, fieldsOfWall, pad, wallFromFields } from './zone.ts';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export type Written =
  | { kind: 'now' }
  | { kind: 'ago'; ms: number }
  /** `zone` is an IANA name or a normalised offset such as `-03:00`; null when the text names none. */
  | { kind: 'wall'; date: CalendarDate | null; time: TimeOfDay; zone: string | null }
  /** Read as a time, but it names no real one (30 February, 25:00, offset +20:00). */
  | { kind: 'invalid'; error: string }
  | { kind: 'unreadable'; error: string };

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const AGO = /^(\d{1,6}) ?(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?) ago$/i;
const WALL = /^(?:(\d{4})-(\d{1,2})-(\d{1,2})(?:T| ))?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)? ?(.*)$/i;
const UTC = /^(?:z|utc|gmt)$/i;
// U+2212 is the minus sign that pages such as Wikipedia print in offsets people copy.
const OFFSET = /^(?:(?:utc|gmt) ?)?([+\-\u2212])(\d{1,2})(?::?(\d{2}))?$/i;
const ZONE_NAME = /^[a-z][a-z0-9_+\-/]*$/i;

const ACCEPTED_FORMS = '11:12, 11:12 -03:00, 11:12 UTC, 2021-09-13 11:12, 2021-09-13 11:12 America/Sao_Paulo, ' + '2021-09-13T11:12:00Z, 10 minutes ago or now';

/** Reads text whose whitespace is already collapsed to single spaces. */
export function readWritten(text: string): Written {
  if (/^now$/i.test(text)) return { kind: 'now' };
  const ago = AGO.exec(text);
  if (ago) {
    const unit = UNIT_MS[(ago[2] ?? '').charAt(0).toLowerCase()] ?? 0;
    return { kind: 'ago', ms: Number(ago[1]) * unit };
  }
  const wall = WALL.exec(text);
  if (!wall) return unreadable(text);
  const [, year, month, day, hour, minute, second, fraction, rest] = wall;
  const date = year ? { year: Number(year), month: Number(month), day: Number(day) } : null;
  const time = {
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
    millisecond: Number((fraction ?? '').slice(0, 3).padEnd(3, '0')),
  };
  const zone = readZone(rest ?? '', text);
  if ('kind' in zone) return zone;
  const problem = (date && dateProblem(date)) ?? timeProblem(time);
  return problem ? { kind: 'invalid', error: problem } : { kind: 'wall', date, time, zone: zone.name };
}

type Refusal = Extract<Written, { kind: 'invalid' | 'unreadable' }>;

function readZone(rest: string, text: string): { name: string | null } | Refusal {
  if (rest === '') return { name: null };
  if (UTC.test(rest)) return { name: 'UTC' };
  const offset = OFFSET.exec(rest);
  if (offset) {
    const negative = offset[1] !== '+';
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? 0);
    const total = hours * 60 + minutes;
    if (minutes > 59 || total > (negative ? 12 * 60 : 14 * 60)) {
      return { kind: 'invalid', error: `${rest} is not a valid UTC offset (offsets run from -12:00 to +14:00).` };
    }
    return { name: `${negative && total > 0 ? '-' : '+'}${pad(hours)}:${pad(minutes)}` };
  }
  if (ZONE_NAME.test(rest)) {
    const name = canonicalZone(rest);
    if (name !== null) return { name };
    return {
      kind: 'unreadable',
      error: `"${rest}" is not a time zone I know. Use an IANA name such as America/Sao_Paulo or an offset such as -03:00.`,
    };
  }
  return unreadable(text);
}

function unreadable(text: string): Refusal {
  return { kind: 'unreadable', error: `Could not read "${text}" as a time. Write it like ${ACCEPTED_FORMS}.` };
}

export function dateText(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

function dateProblem(date: CalendarDate): string | null {
  if (date.month < 1 || date.month > 12) {
    return `${dateText(date)} is not a valid date (there is no month ${date.month}).`;
  }
  // Day 0 of the next month is the last day of this one.
  const days = fieldsOfWall(midnight(date.year, date.month + 1, 0)).day;
  if (date.day >= 1 && date.day <= days) return null;
  const monthName = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' }).format(midnight(date.year, date.month, 1));
  return `${dateText(date)} is not a valid date (${monthName} ${date.year} has ${days} days).`;
}

function midnight(year: number, month: number, day: number): number {
  return wallFromFields({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });
}

function timeProblem(time: TimeOfDay): string | null {
  const shown = `${pad(time.hour)}:${pad(time.minute)}${time.second ? `:${pad(time.second)}` : ''}`;
  if (time.hour > 23) return `${shown} is not a valid time of day (hours run from 00 to 23).`;
  if (time.minute > 59) return `${shown} is not a valid time of day (minutes run from 00 to 59).`;
  if (time.second > 59) return `${shown} is not a valid time of day (seconds run from 00 to 59).`;
  return null;
}
