import { describe, expect, test } from 'vitest';
import { formatDateTime, formatPosted, formatTimeOfDay } from '../../src/time/format.ts';
import { error, instant } from './parse-helpers.ts';
import { formatOffset, offsetAt } from '../../src/time/zone.ts';

/** `2025-10-05`: the first Sunday of the month, found from the calendar rather than written down. */
function firstSunday(year: number, month: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const day = 1 + ((7 - first) % 7);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('Lord Howe Island: DST of 30 minutes', () => {
  const lordHowe = { zone: 'Australia/Lord_Howe', now: new Date('2025-12-01T00:00:00Z') };

  test('2025-10-05 02:15 does not exist (02:00 → 02:30)', () => {
    expect(error('2025-10-05 02:15', lordHowe)).toBe(
      '2025-10-05 02:15 does not exist in Australia/Lord_Howe (clocks jumped from 02:00 to 02:30). ' + 'Did you mean 01:45 GMT+10:30 or 02:45 GMT+11:00?',
    );
    expect(instant('2025-10-05 01:45 GMT+10:30', lordHowe)).toBe('2025-10-04T15:15:00.000Z');
    expect(instant('2025-10-05 02:45 GMT+11:00', lordHowe)).toBe('2025-10-04T15:45:00.000Z');
    expect(instant('2025-10-05 01:59', lordHowe)).toBe('2025-10-04T15:29:00.000Z');
    expect(instant('2025-10-05 02:30', lordHowe)).toBe('2025-10-04T15:30:00.000Z');
  });

  test('2025-04-06 01:45 happened twice (02:00 → 01:30)', () => {
    expect(error('2025-04-06 01:45', lordHowe)).toBe(
      '2025-04-06 01:45 happened twice in Australia/Lord_Howe (clocks went back from 02:00 to 01:30): ' +
        '01:45 GMT+11:00 or 01:45 GMT+10:30? Retype it with the offset, e.g. "2025-04-06 01:45 +11:00".',
    );
    expect(instant('2025-04-06 01:45 GMT+11:00', lordHowe)).toBe('2025-04-05T14:45:00.000Z');
    expect(instant('2025-04-06 01:45 GMT+10:30', lordHowe)).toBe('2025-04-05T15:15:00.000Z');
    expect(instant('2025-04-06 01:29', lordHowe)).toBe('2025-04-05T14:29:00.000Z');
    expect(instant('2025-04-06 02:00', lordHowe)).toBe('2025-04-05T15:30:00.000Z');
  });

  test('every year the gap is on the first Sunday of October and the overlap on the first Sunday of April', () => {
    for (let year = 2020; year <= 2035; year++) {
      const opts = { ...lordHowe, now: new Date(Date.UTC(year + 1, 0, 1)) };
      expect(error(`${firstSunday(year, 10)} 02:15`, opts)).toContain('(clocks jumped from 02:00 to 02:30)');
      expect(error(`${firstSunday(year, 4)} 01:45`, opts)).toContain('(clocks went back from 02:00 to 01:30)');
      expect(instant(`${firstSunday(year, 10)} 02:15 +10:30`, opts)).toBe(new Date(`${firstSunday(year, 10)}T02:15:00+10:30`).toISOString());
    }
  });

  test('times show the half-hour offsets', () => {
    expect(formatDateTime(new Date('2025-01-15T00:00:00Z'), 'Australia/Lord_Howe')).toBe('2025-01-15 11:00 GMT+11:00');
    expect(formatDateTime(new Date('2025-07-15T00:00:00Z'), 'Australia/Lord_Howe')).toBe('2025-07-15 10:30 GMT+10:30');
  });
});

describe('Kolkata and other offsets that are not whole hours', () => {
  const kolkata = { zone: 'Asia/Kolkata', now: new Date('2025-01-15T06:00:00Z') };

  test('Kolkata is shown as GMT+05:30, all year', () => {
    expect(formatTimeOfDay(new Date('2025-01-15T04:30:00Z'), 'Asia/Kolkata')).toBe('10:00 GMT+05:30');
    expect(formatDateTime(new Date('2025-07-15T04:30:00Z'), 'Asia/Kolkata')).toBe('2025-07-15 10:00 GMT+05:30');
    expect(formatPosted(new Date('2025-01-15T04:30:00Z'), 'Asia/Kolkata', 'en')).toBe('Jan 15, 2025 - 10:00 GMT+05:30');
    expect(formatOffset(offsetAt(new Date('2025-01-15T04:30:00Z'), 'Asia/Kolkata'))).toBe('+05:30');
  });

  test('Kolkata times typed bare, with the zone or with the offset are the same instant', () => {
    expect(instant('10:00', kolkata)).toBe('2025-01-15T04:30:00.000Z');
    expect(instant('2025-01-15 10:00 Asia/Kolkata', { ...kolkata, zone: 'UTC' })).toBe('2025-01-15T04:30:00.000Z');
    expect(instant('2025-01-15 10:00 +05:30', { ...kolkata, zone: 'UTC' })).toBe('2025-01-15T04:30:00.000Z');
    expect(instant('2025-01-15 10:00 GMT+05:30', { ...kolkata, zone: 'UTC' })).toBe('2025-01-15T04:30:00.000Z');
  });

  test('quarter hours and the extremes of the offset range', () => {
    const at = new Date('2025-01-15T00:00:00Z');
    expect(formatDateTime(at, 'Asia/Kathmandu')).toBe('2025-01-15 05:45 GMT+05:45');
    expect(formatDateTime(at, 'Pacific/Chatham')).toBe('2025-01-15 13:45 GMT+13:45');
    expect(formatDateTime(at, 'Pacific/Kiritimati')).toBe('2025-01-15 14:00 GMT+14:00');
    expect(formatDateTime(at, 'Pacific/Pago_Pago')).toBe('2025-01-14 13:00 GMT-11:00');
    expect(formatDateTime(at, 'America/St_Johns')).toBe('2025-01-14 20:30 GMT-03:30');
  });
});
