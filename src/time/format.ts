import type { Locale } from 'date-fns';
import { format } from 'date-fns/format';
import { formatDistance } from 'date-fns/formatDistance';
import { enUS } from 'date-fns/locale/en-US';
import { es } from 'date-fns/locale/es';
import { ptBR } from 'date-fns/locale/pt-BR';
import type { Language } from '../i18n/languages.ts';
import { fieldsOfWall, formatOffset, offsetAt, pad, wallAt } from './zone.ts';

export { isValidTimeZone } from './zone.ts';

const locales: Record<Language, Locale> = { en: enUS, 'pt-BR': ptBR, es };

/**
 * Status-page style, e.g. `Sep 21, 2021 - 14:34 GMT-03:00`, `21 set 2021 - 14:34 GMT-03:00`: the date
 * in the language's own medium form, the time and offset in one form for every language.
 */
export function formatPosted(instant: Date, zone: string, lang: Language): string {
  const { year, month, day } = fieldsOfWall(wallAt(instant, zone));
  // date-fns reads a Date's local-zone fields, so the zone's calendar date is copied into a local date.
  // Noon, because local midnight does not exist on some DST days in some zones.
  const calendarDate = new Date(2000, 0, 1, 12);
  calendarDate.setFullYear(year, month - 1, day);
  return `${format(calendarDate, 'PP', { locale: locales[lang] })} - ${formatTimeOfDay(instant, zone)}`;
}

/** `14:34 GMT-03:00` */
export function formatTimeOfDay(instant: Date, zone: string): string {
  const { hour, minute } = fieldsOfWall(wallAt(instant, zone));
  return `${pad(hour)}:${pad(minute)} GMT${formatOffset(offsetAt(instant, zone))}`;
}

/** `2021-09-21 14:34 GMT-03:00` */
export function formatDateTime(instant: Date, zone: string): string {
  const { year, month, day } = fieldsOfWall(wallAt(instant, zone));
  return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${formatTimeOfDay(instant, zone)}`;
}

/** Whether two instants fall on the same calendar day in the zone. */
export function sameDayIn(a: Date, b: Date, zone: string): boolean {
  const [x, y] = [fieldsOfWall(wallAt(a, zone)), fieldsOfWall(wallAt(b, zone))];
  return x.year === y.year && x.month === y.month && x.day === y.day;
}

/** `2026-12-01 02:00 GMT-03:00 → 04:00 GMT-03:00`; the end keeps its date when it is on another day. */
export function formatDateTimeWindow(start: Date, end: Date, zone: string): string {
  return `${formatDateTime(start, zone)} → ${sameDayIn(start, end, zone) ? formatTimeOfDay(end, zone) : formatDateTime(end, zone)}`;
}

/** `2021-09-21T14:34:00.000-03:00`: ISO 8601 in the zone, as Statuspage's API writes its instants. */
export function formatIsoInZone(instant: Date, zone: string): string {
  const f = fieldsOfWall(wallAt(instant, zone));
  const date = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
  return `${date}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}.${pad(f.millisecond, 3)}${formatOffset(offsetAt(instant, zone))}`;
}

/**
 * `45 s`, `12 min`, `1 h 48 min`, `2 d 3 h`: truncated, never rounded up, and seconds only under a
 * minute. A negative span (a clock stepped backwards between two stamps) shows as `0 s`, never as a
 * negative duration.
 */
export function formatDuration(ms: number): string {
  const seconds = ms > 0 ? Math.floor(ms / 1000) : 0;
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const parts = [
    [Math.floor(minutes / 1440), 'd'],
    [Math.floor(minutes / 60) % 24, 'h'],
    [minutes % 60, 'min'],
  ] as const;
  return parts
    .filter(([amount]) => amount > 0)
    .map(([amount, unit]) => `${amount} ${unit}`)
    .join(' ');
}

/** `12 minutes ago`, `in 5 minutes`, `há 12 minutos`, `hace 12 minutos`. */
export function formatRelative(instant: Date, now: Date, lang: Language): string {
  return formatDistance(instant, now, { addSuffix: true, locale: locales[lang] });
}

const justNow: Record<Language, string> = { en: 'just now', 'pt-BR': 'agora mesmo', es: 'justo ahora' };

/**
 * How long ago something that has happened did, against the verified clock's `now`: `12 minutes ago`,
 * `há 12 minutos`. An instant after `now` (stamped before the clock stepped back) is `just now`, never
 * `in 5 minutes`.
 */
export function formatAgo(instant: Date, now: Date, lang: Language): string {
  return instant.getTime() < now.getTime() ? formatRelative(instant, now, lang) : justNow[lang];
}

/**
 * A calendar date (`2021-09-13`, as ZoneDay.date) in the date form formatPosted uses: `Sep 13, 2021`,
 * `13 set 2021`. It is a date, not an instant, so no zone applies.
 */
export function formatCalendarDate(date: string, lang: Language): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  // Noon of a local date, as in formatPosted: date-fns reads local fields, and noon exists every day.
  const calendarDate = new Date(2000, 0, 1, 12);
  calendarDate.setFullYear(year, month - 1, day);
  return format(calendarDate, 'PP', { locale: locales[lang] });
}

/** The day an instant falls on in the zone, as prose writes it: `September 15, 2021`, `15 de setembro de 2021`. */
export function formatDayOf(instant: Date, zone: string, lang: Language): string {
  const { year, month, day } = fieldsOfWall(wallAt(instant, zone));
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day, 12));
}

/** The month an instant falls in, in the zone, as a heading: `September 2021`, `Setembro de 2021`. */
export function formatMonthOf(instant: Date, zone: string, lang: Language): string {
  const { year, month } = fieldsOfWall(wallAt(instant, zone));
  const text = new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 15));
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}
