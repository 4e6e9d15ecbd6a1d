/**
 * Due days: calendar days (`2021-09-30`), not instants, read as a person types them in their own zone.
 * date-fns does the calendar arithmetic on a local date at noon holding the zone's date: it reads and
 * writes local fields only, so the result does not depend on the zone the server runs in, and noon
 * exists on every day, DST or not.
 */
import { addDays } from 'date-fns/addDays';
import { addWeeks } from 'date-fns/addWeeks';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { nextDay } from 'date-fns/nextDay';
import { parse } from 'date-fns/parse';
import { fieldsOfWall, wallAt } from './zone.ts';

type DayRead = { ok: true; day: string } | { ok: false; error: string };

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
/** `in 3 days`, `in 2 weeks`: far enough for any follow-up, near enough to stay a calendar day. */
const later = /^in (\d{1,4}) (days?|weeks?)$/;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

const forms = '2021-09-30, today, tomorrow, a weekday (friday), in 3 days or in 2 weeks';

/** A local date at noon whose fields are the zone's date at `now`. */
function localToday(now: Date, zone: string): Date {
  const { year, month, day } = fieldsOfWall(wallAt(now, zone));
  const date = new Date(2000, 0, 1, 12);
  date.setFullYear(year, month - 1, day);
  return date;
}

const dayText = (date: Date) => format(date, 'yyyy-MM-dd');

/** The zone's calendar day at `now`, as `2021-09-15`. */
export function todayIn(now: Date, zone: string): string {
  return dayText(localToday(now, zone));
}

/** A day due before the zone's today: the day it was due by is over. */
export function isOverdue(due: string, now: Date, zone: string): boolean {
  return due < todayIn(now, zone);
}

function named(words: string, today: Date): Date | undefined {
  if (words === 'today') return today;
  if (words === 'tomorrow') return addDays(today, 1);
  const weekday = weekdays.findIndex((name) => name === words || name.slice(0, 3) === words);
  // The next one: a Friday typed on a Friday is a week from today.
  if (weekday >= 0) return nextDay(today, weekday as 0 | 1 | 2 | 3 | 4 | 5 | 6);
  const match = later.exec(words);
  if (!match) return undefined;
  const count = Number(match[1]);
  return match[2]?.startsWith('week') ? addWeeks(today, count) : addDays(today, count);
}

/** The day a person means by `text`, in their zone at `now`; a day already past is refused. */
export function readDueDay(text: string, now: Date, zone: string): DayRead {
  const words = text.trim().replace(/\s+/g, ' ').toLowerCase();
  const today = localToday(now, zone);
  const date = isoDay.test(words) ? parse(words, 'yyyy-MM-dd', today) : named(words, today);
  if (date === undefined) return { ok: false, error: `Could not read "${text.trim()}" as a due day. Write it like ${forms}.` };
  if (!isValid(date)) return { ok: false, error: `${words} is not a day of the calendar.` };
  const day = dayText(date);
  if (day < dayText(today)) return { ok: false, error: `${day} is past: today is ${dayText(today)} in ${zone}. A follow-up is due today or later.` };
  return { ok: true, day };
}
