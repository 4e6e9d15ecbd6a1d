import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatDateTime, formatTimeOfDay } from '../../src/time/format.ts';
import { parseUserTime, type TimeParseOptions } from '../../src/time/parse.ts';
import { fieldsOfWall, formatOffset, offsetAt, pad, resolveWall, wallAt } from '../../src/time/zone.ts';
import { intlOffsetMinutes, nextTransition, zones } from './zones.ts';

const MINUTE = 60_000;
const zone = fc.constantFrom(...zones);
/** Whole minutes from 1970 to 2100: people type times to the minute. */
const instant = fc.integer({ min: Date.UTC(1970, 0, 1) / MINUTE, max: Date.UTC(2100, 0, 1) / MINUTE }).map((minutes) => new Date(minutes * MINUTE));
/** Late enough that every generated time has happened, so none is refused for being in the future. */
const after2100 = (defaultZone: string): TimeParseOptions => ({ zone: defaultZone, now: new Date(Date.UTC(2102, 0, 1)) });

/** `2021-09-13 11:12`: the zone's wall reading as a person types it. */
function typedWall(wall: number): string {
  const f = fieldsOfWall(wall);
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}`;
}

function parsed(text: string, opts: TimeParseOptions): Date {
  const result = parseUserTime(text, opts);
  if (!result.ok) throw new Error(`"${text}" was refused: ${result.error}`);
  return result.instant;
}

/** The readings a refusal offers (`01:30 GMT-05:00`, `2018-11-03 23:30 GMT-03:00`), each with its date. */
function offeredReadings(message: string, typedDate: string): string[] {
  return [...message.matchAll(/(\d{4}-\d{2}-\d{2} )?(\d{2}:\d{2} GMT[+-]\d{2}:\d{2})/g)].map(([, date, time]) => `${date ?? `${typedDate} `}${time}`);
}

describe('offsets', () => {
  test('offsetAt agrees with the offset Intl names (timeZoneName longOffset, a separate code path)', () => {
    fc.assert(
      fc.property(instant, zone, (at, z) => {
        expect(offsetAt(at, z) / MINUTE).toBe(intlOffsetMinutes(at, z));
        expect(formatTimeOfDay(at, z).endsWith(`GMT${formatOffset(offsetAt(at, z))}`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('every shown time carries an offset of the form GMT±HH:MM', () => {
    fc.assert(
      fc.property(instant, zone, (at, z) => {
        expect(formatDateTime(at, z)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} GMT[+-]\d{2}:\d{2}$/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('typed times read back as the instant they were written from', () => {
  test('"YYYY-MM-DD HH:mm ±HH:MM", whatever the default zone', () => {
    fc.assert(
      fc.property(instant, zone, zone, (at, z, defaultZone) => {
        const text = `${typedWall(wallAt(at, z))} ${formatOffset(offsetAt(at, z))}`;
        expect(parsed(text, after2100(defaultZone)).getTime()).toBe(at.getTime());
      }),
      { numRuns: 300 },
    );
  });

  test('what the bot shows ("2021-09-13 11:12 GMT-03:00") can be pasted back', () => {
    fc.assert(
      fc.property(instant, zone, zone, (at, z, defaultZone) => {
        expect(parsed(formatDateTime(at, z), after2100(defaultZone)).getTime()).toBe(at.getTime());
      }),
      { numRuns: 200 },
    );
  });

  test('"YYYY-MM-DD HH:mm <Zone>": the same instant, or, where the wall time happened twice, a refusal offering it', () => {
    fc.assert(
      fc.property(instant, zone, (at, z) => {
        const wall = wallAt(at, z);
        const result = parseUserTime(`${typedWall(wall)} ${z}`, after2100('UTC'));
        if (resolveWall(wall, z).kind === 'unique') {
          expect(result).toEqual({ ok: true, instant: at });
          return;
        }
        if (result.ok) throw new Error(`${typedWall(wall)} ${z} happened twice but was read as ${result.instant.toISOString()}`);
        expect(result.error).toContain('happened twice');
        const readings = offeredReadings(result.error, typedWall(wall).slice(0, 10));
        expect(readings).toContain(formatDateTime(at, z));
      }),
      { numRuns: 300 },
    );
  });
});

describe('wall times in a DST gap or overlap', () => {
  // An instant and a zone whose offset changes within 400 days after it, with a minute into the change.
  const change = fc
    .tuple(instant, zone, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }))
    .map(([from, z, fraction]) => ({ z, transition: nextTransition(z, from.getTime()), fraction }))
    .filter((found): found is { z: (typeof zones)[number]; transition: number; fraction: number } => found.transition !== null);

  test('are refused, and every reading offered parses back to one of the instants the wall time could mean', () => {
    fc.assert(
      fc.property(change, ({ z, transition, fraction }) => {
        const before = offsetAt(new Date(transition - 1), z);
        const after = offsetAt(new Date(transition), z);
        const changeMinutes = Math.abs(after - before) / MINUTE;
        // A gap's walls run from the old offset's reading of the change to the new one's; an overlap's the other way.
        const wall = transition + Math.min(before, after) + Math.floor(fraction * changeMinutes) * MINUTE;
        const typed = typedWall(wall);
        const result = parseUserTime(`${typed} ${z}`, after2100('UTC'));
        if (result.ok) throw new Error(`${typed} ${z} was read as ${result.instant.toISOString()}`);
        expect(result.error).toContain(after > before ? `${typed} does not exist in ${z}` : `${typed} happened twice in ${z}`);

        const meanings = [wall - before, wall - after].sort((a, b) => a - b);
        const readings = offeredReadings(result.error, typed.slice(0, 10));
        expect(readings).toHaveLength(2);
        const read = readings.map((reading) => parsed(reading, after2100('UTC')));
        expect(read.map((d) => d.getTime())).toEqual(meanings);
        for (const [i, reading] of readings.entries()) expect(formatDateTime(read[i]!, z)).toBe(reading);
        // Back-to-back readings of one overlapped wall time: both show the wall time as typed.
        if (after < before) expect(read.map((d) => typedWall(wallAt(d, z)))).toEqual([typed, typed]);
      }),
      { numRuns: 150 },
    );
  });
});
