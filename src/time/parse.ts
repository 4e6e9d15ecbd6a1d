import { formatDateTime, formatTimeOfDay } from './format.ts';
import { dateText, readWritten, type CalendarDate, type TimeOfDay } from './written.ts';
import { fieldsOfWall, formatOffset, offsetAt, pad, resolveWall, wallAt, wallFromFields, type WallResolution } from './zone.ts';

export type TimeParse = { ok: true; instant: Date } | { ok: false; error: string };
export type TimeRangeParse = { ok: true; start: Date; end: Date | null } | { ok: false; error: string };

export interface TimeParseOptions {
  /** The zone of times written without one. */
  zone: string;
  now: Date;
  /** How far past `now` a time may lie and still be taken as already happened (clock skew between people). */
  futureToleranceMs?: number;
  /**
   * For times still to come (a maintenance window) rather than times that already happened: nothing is
   * refused for lying ahead; a bare time of day is its next occurrence (today's while it is no more than
   * `futureToleranceMs` behind `now`, else tomorrow's); and in a range, a bare end time is the first such
   * time at or after the start, read in the start's zone ("23:00 - 01:00" ends the next day).
   */
  allowFuture?: boolean;
}

const DEFAULT_FUTURE_TOLERANCE_MS = 2 * 60_000;
const DAY_MS = 86_400_000;

/**
 * `understood` separates text that is not a time at all from a time that was refused (in the future,
 * in a DST gap, ...): a range reader tries many splits of its text and only the refusals are worth
 * reporting.
 */
type Refusal = { ok: false; error: string; understood: boolean };
/** `zone` is the zone a wall time was read in, which a range's bare end time then shares. */
type Reading = { ok: true; instant: Date; zone?: string } | Refusal;

/** Reads one time a person typed; a zone or offset in the text wins over `opts.zone`. */
export function parseUserTime(text: string, opts: TimeParseOptions): TimeParse {
  const reading = read(text, opts);
  return reading.ok ? { ok: true, instant: reading.instant } : { ok: false, error: reading.error };
}

function read(text: string, opts: TimeParseOptions): Reading {
  const written = readWritten(text.trim().replace(/\s+/g, ' '));
  switch (written.kind) {
    case 'unreadable':
      return { ok: false, error: written.error, understood: false };
    case 'invalid':
      return { ok: false, error: written.error, understood: true };
    case 'now':
      return { ok: true, instant: new Date(opts.now.getTime()) };
    case 'ago':
      return { ok: true, instant: new Date(opts.now.getTime() - written.ms) };
    case 'wall':
      return readWall(written.date, written.time, written.zone ?? opts.zone, opts);
  }
}

function readWall(date: CalendarDate | null, time: TimeOfDay, zone: string, opts: TimeParseOptions): Reading {
  const tolerance = opts.futureToleranceMs ?? DEFAULT_FUTURE_TOLERANCE_MS;
  const limit = opts.now.getTime() + tolerance;
  let wall = wallFromFields({ ...(date ?? fieldsOfWall(wallAt(opts.now, zone))), ...time });
  let resolution = resolveWall(wall, zone);
  // People type the times of things that already happened, so a bare time still ahead is yesterday's;
  // planning ahead, a bare time already behind is tomorrow's.
  const bareTimeMoves = opts.allowFuture
    ? instantsOf(resolution).every((instant) => instant.getTime() < opts.now.getTime() - tolerance)
    : instantsOf(resolution)[0].getTime() > limit;
  if (date === null && bareTimeMoves) {
    wall += opts.allowFuture ? DAY_MS : -DAY_MS;
    resolution = resolveWall(wall, zone);
  }
  const all = instantsOf(resolution);
  const past = opts.allowFuture ? all : all.filter((instant) => instant.getTime() <= limit);
  const [first] = past;
  if (first === undefined) {
    const shown = all[0];
    const now = describe(opts.now, zone, wallAt(shown, zone));
    return refused(`${formatDateTime(shown, zone)} is in the future (now is ${now}).`);
  }
  if (resolution.kind === 'unique') return { ok: true, instant: first, zone };
  const typed = wallText(wall);
  const jump = `${describeWall(resolution.jumpFrom, wall)} to ${describeWall(resolution.jumpTo, wall)}`;
  const offered = past.map((instant) => describe(instant, zone, wall)).join(' or ');
  if (resolution.kind === 'gap') {
    return refused(`${typed} does not exist in ${zone} (clocks jumped from ${jump}). Did you mean ${offered}?`);
  }
  // Of the two passes through an overlap, one may not have happened yet; then the other is meant.
  if (past.length === 1) return { ok: true, instant: first, zone };
  const example = `${typed} ${formatOffset(offsetAt(first, zone))}`;
  return refused(
    `${typed} ${opts.allowFuture ? 'happens' : 'happened'} twice in ${zone} (clocks went back from ${jump}): ${offered}? ` +
      `Retype it with the offset, e.g. "${example}".`,
  );
}

function instantsOf(resolution: WallResolution): [Date, ...Date[]] {
  return resolution.kind === 'unique' ? [resolution.instant] : resolution.readings;
}

function refused(error: string): Reading {
  return { ok: false, error, understood: true };
}

function wallText(wall: number): string {
  const f = fieldsOfWall(wall);
  return `${dateText(f)} ${pad(f.hour)}:${pad(f.minute)}${f.second ? `:${pad(f.second)}` : ''}`;
}

function sameDay(wallA: number, wallB: number): boolean {
  return Math.floor(wallA / DAY_MS) === Math.floor(wallB / DAY_MS);
}

/** The time of day alone when it falls on the day being talked about, otherwise with its date. */
function describe(instant: Date, zone: string, dayWall: number): string {
  return sameDay(wallAt(instant, zone), dayWall) ? formatTimeOfDay(instant, zone) : formatDateTime(instant, zone);
}

function describeWall(wall: number, dayWall: number): string {
  const f = fieldsOfWall(wall);
  const time = `${pad(f.hour)}:${pad(f.minute)}`;
  return sameDay(wall, dayWall) ? time : `${dateText(f)} ${time}`;
}

const SEPARATORS = new Set(['to', '-', '\u2013', '\u2014', '..']);

type RangeReading = { ok: true; start: Date; end: Date | null } | Refusal;

/**
 * Reads `<start> [<end>]`. Either time may contain spaces, so every split of the text is tried (with or
 * without a separator such as ` to `); the text must have exactly one reading.
 */
export function parseTimeRange(text: string, opts: TimeParseOptions): TimeRangeParse {
  const tokens = text
    .replace(/\.\./g, ' .. ')
    .split(/\s+/)
    .filter((token) => token !== '');
  const splits: Array<[string[], string[] | null]> = [[tokens, null]];
  tokens.forEach((token, i) => {
    if (i === 0) return;
    splits.push([tokens.slice(0, i), tokens.slice(i)]);
    if (SEPARATORS.has(token.toLowerCase())) splits.push([tokens.slice(0, i), tokens.slice(i + 1)]);
  });
  const readings = splits.map(([start, end]) => readRange(start.join(' '), end?.join(' ') ?? null, opts));

  const found = readings.filter((reading) => reading.ok);
  if (found.length === 1 && found[0]) return { ok: true, start: found[0].start, end: found[0].end };
  // The grammar lets no suffix of one time begin another, so today a text reads at most one way; this
  // keeps a later, looser grammar from silently picking one of several readings.
  if (found.length > 1) {
    const show = (instant: Date) => formatDateTime(instant, opts.zone);
    const shown = found.map(({ start, end }) => (end ? `${show(start)} to ${show(end)}` : show(start)));
    return {
      ok: false,
      error: `"${text.trim()}" can be read more than one way (${shown.join('; ')}). Separate the start and the end with " to ".`,
    };
  }
  const refusal = readings.find((reading): reading is Refusal => !reading.ok && reading.understood);
  if (refusal) return { ok: false, error: refusal.error };
  const examples = opts.allowFuture
    ? `"02:00 to 04:00", "2026-12-01 02:00 to 04:00" or "2026-12-01 23:00 America/Sao_Paulo to 2026-12-02 01:00"`
    : `"11:12 11:40", "2021-09-13 11:12 to 2021-09-13 11:40" or "30 min ago"`;
  return {
    ok: false,
    error: `Could not read "${text.trim()}" as a start time and an optional end time. Write e.g. ${examples}.`,
  };
}

/** Planning ahead, a bare end time is the first one at or after the start, in the start's zone. */
function endOptions(start: Reading, opts: TimeParseOptions): TimeParseOptions {
  if (!opts.allowFuture || !start.ok) return opts;
  return { ...opts, now: start.instant, zone: start.zone ?? opts.zone, futureToleranceMs: 0 };
}

function readRange(startText: string, endText: string | null, opts: TimeParseOptions): RangeReading {
  const start = read(startText, opts);
  const end = endText === null ? null : read(endText, endOptions(start, opts));
  const understood = (reading: Reading | null) => reading === null || reading.ok || reading.understood;
  if (!start.ok) return { ok: false, error: start.error, understood: understood(start) && understood(end) };
  if (end === null || endText === null) return { ok: true, start: start.instant, end: null };
  if (!end.ok) return { ok: false, error: end.error, understood: end.understood };
  if (end.instant.getTime() < start.instant.getTime()) {
    const ahead = futureEnd(endText, opts);
    if (ahead) return ahead;
    const shownEnd = formatDateTime(end.instant, opts.zone);
    const shownStart = formatDateTime(start.instant, opts.zone);
    const error = `It ends before it starts: the end ${shownEnd} is before the start ${shownStart}.`;
    return { ok: false, error, understood: true };
  }
  return { ok: true, start: start.instant, end: end.instant };
}

/**
 * A bare end time still ahead today is read as yesterday's and so lands before the start; what was
 * meant is an end that has not happened yet, and that is the refusal to give.
 */
function futureEnd(endText: string, opts: TimeParseOptions): Refusal | null {
  if (opts.allowFuture) return null;
  // With no limit on the future, a bare time is today's: the reading before it was moved to yesterday.
  const meant = read(endText, { ...opts, futureToleranceMs: Number.POSITIVE_INFINITY });
  const limit = opts.now.getTime() + (opts.futureToleranceMs ?? DEFAULT_FUTURE_TOLERANCE_MS);
  if (!meant.ok || meant.instant.getTime() <= limit) return null;
  const now = describe(opts.now, opts.zone, wallAt(meant.instant, opts.zone));
  return { ok: false, error: `The end, ${formatDateTime(meant.instant, opts.zone)}, is in the future (now is ${now}).`, understood: true };
}
