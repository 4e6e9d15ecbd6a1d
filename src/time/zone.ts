/**
 * Wall-clock arithmetic in time zones. Everything goes through Intl (the runtime's tz database) and
 * plain UTC arithmetic, never through the process's local zone, so results do not depend on the TZ the
 * server happens to run in. A "wall" value is the reading of a zone's clock expressed as milliseconds
 * since the epoch as if that reading were UTC.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** IANA names (any case, including links such as "US/Eastern") and fixed offsets such as "-03:00". */
export function isValidTimeZone(zone: string): boolean {
  return canonicalZone(zone) !== null;
}

/**
 * The runtime's own spelling of a zone (`america/new_york` → `America/New_York`), or null when it is
 * not one. Zones read from chat text go through this so the formatter cache only ever holds a bounded
 * set of names, however people capitalise them.
 */
export function canonicalZone(zone: string): string | null {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return renamedByIana[resolved] ?? resolved;
  } catch {
    return null;
  }
}

/**
 * Zones the tz database has renamed but ICU (CLDR) still reports by their old names: a person in Kyiv
 * who types Europe/Kyiv, or whose Slack profile says Asia/Kolkata, is answered in the name they use.
 */
const renamedByIana: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

export interface WallFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Unlike Date.UTC, keeps years 0–99 as written instead of mapping them to 1900–1999. */
export function wallFromFields(f: WallFields): number {
  const date = new Date(0);
  date.setUTCFullYear(f.year, f.month - 1, f.day);
  date.setUTCHours(f.hour, f.minute, f.second, f.millisecond);
  return date.getTime();
}

export function fieldsOfWall(wall: number): WallFields {
  const d = new Date(wall);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** What the zone's clock reads at the instant. */
export function wallAt(instant: Date, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return wallFromFields({
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: instant.getUTCMilliseconds(),
  });
}

/** The zone's offset from UTC at the instant, in milliseconds (east positive). */
export function offsetAt(instant: Date, zone: string): number {
  return wallAt(instant, zone) - instant.getTime();
}

/** `+05:30`, `-03:00`, `+00:00`: offsets are rounded to the minute for display. */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const sign = offsetMs < 0 && minutes > 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * How a wall reading maps to instants. In a gap (spring forward) no instant shows that reading; in an
 * overlap (fall back) two do. `readings` are the instants the reading means under the offset in force
 * before and after the transition, earlier first; `jumpFrom`/`jumpTo` are the walls the clock showed
 * just before and just after it.
 */
export type WallResolution = { kind: 'unique'; instant: Date } | { kind: 'gap' | 'overlap'; readings: [Date, Date]; jumpFrom: number; jumpTo: number };

const DAY_MS = 86_400_000;

export function resolveWall(wall: number, zone: string): WallResolution {
  // Offsets are at most a day from UTC, so the offsets a day either side bracket every reading; this
  // assumes at most one transition within those two days, which holds for every zone in use.
  const before = offsetAt(new Date(wall - DAY_MS), zone);
  const after = offsetAt(new Date(wall + DAY_MS), zone);
  const underBefore = new Date(wall - before);
  const underAfter = new Date(wall - after);
  const beforeHolds = offsetAt(underBefore, zone) === before;
  const afterHolds = offsetAt(underAfter, zone) === after;
  if (before === after || beforeHolds !== afterHolds) {
    return { kind: 'unique', instant: beforeHolds ? underBefore : underAfter };
  }
  const readings: [Date, Date] = underBefore.getTime() < underAfter.getTime() ? [underBefore, underAfter] : [underAfter, underBefore];
  const transition = findTransition(readings[0].getTime(), readings[1].getTime(), zone);
  return {
    kind: beforeHolds ? 'overlap' : 'gap',
    readings,
    jumpFrom: transition + before,
    jumpTo: transition + after,
  };
}

/** The first millisecond in (lo, hi] at which the zone's offset differs from its offset at lo. */
function findTransition(lo: number, hi: number, zone: string): number {
  const initial = offsetAt(new Date(lo), zone);
  let low = lo;
  let high = hi;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetAt(new Date(mid), zone) === initial) low = mid;
    else high = mid;
  }
  return high;
}
