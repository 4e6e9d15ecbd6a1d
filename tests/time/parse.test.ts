import { describe, expect, test } from 'vitest';
import { error, instant, newYorkWinter, saoPaulo } from './parse-helpers.ts';
import { parseTimeRange, type TimeParseOptions } from '../../src/time/parse.ts';

describe('parseUserTime: accepted forms', () => {
  test.each([
    ['11:12', '2021-09-21T14:12:00.000Z'],
    ['  11:12  ', '2021-09-21T14:12:00.000Z'],
    ['9:05', '2021-09-21T12:05:00.000Z'],
    ['11:12 -03:00', '2021-09-21T14:12:00.000Z'],
    ['11:12 GMT-03:00', '2021-09-21T14:12:00.000Z'],
    ['11:12 UTC-3', '2021-09-21T14:12:00.000Z'],
    ['11:12 +0530', '2021-09-21T05:42:00.000Z'],
    ['11:12 \u221203:00', '2021-09-21T14:12:00.000Z'],
    ['11:12 UTC', '2021-09-21T11:12:00.000Z'],
    ['11:12 Z', '2021-09-21T11:12:00.000Z'],
    ['2021-09-13 11:12', '2021-09-13T14:12:00.000Z'],
    ['2021-09-13T11:12', '2021-09-13T14:12:00.000Z'],
    ['2021-09-13 11:12:30', '2021-09-13T14:12:30.000Z'],
    ['2021-09-13 11:12 America/New_York', '2021-09-13T15:12:00.000Z'],
    ['2021-09-13 11:12 Europe/Berlin', '2021-09-13T09:12:00.000Z'],
    ['2021-09-13T11:12:00Z', '2021-09-13T11:12:00.000Z'],
    ['2021-09-13T11:12:00.250-03:00', '2021-09-13T14:12:00.250Z'],
    ['2021-09-13T11:12:00+02:00', '2021-09-13T09:12:00.000Z'],
    ['10 minutes ago', '2021-09-21T17:24:00.000Z'],
    ['2 hours ago', '2021-09-21T15:34:00.000Z'],
    ['1 h ago', '2021-09-21T16:34:00.000Z'],
    ['30 min ago', '2021-09-21T17:04:00.000Z'],
    ['45s ago', '2021-09-21T17:33:15.000Z'],
    ['now', '2021-09-21T17:34:00.000Z'],
    ['Now', '2021-09-21T17:34:00.000Z'],
  ])('%s', (text, expected) => {
    expect(instant(text)).toBe(expected);
  });

  test('a zone or offset in the text wins over the default zone', () => {
    expect(instant('2021-09-13 11:12', { ...saoPaulo, zone: 'UTC' })).toBe('2021-09-13T11:12:00.000Z');
    expect(instant('2021-09-13 11:12 -03:00', { ...saoPaulo, zone: 'Asia/Tokyo' })).toBe('2021-09-13T14:12:00.000Z');
  });

  test('a bare time is on the date that `now` has in the zone', () => {
    // At 17:34 UTC it is already 22 September in Tokyo.
    expect(instant('01:00', { ...saoPaulo, zone: 'Asia/Tokyo' })).toBe('2021-09-21T16:00:00.000Z');
    expect(instant('01:00 Asia/Tokyo')).toBe('2021-09-21T16:00:00.000Z');
  });

  test('Sao Paulo readings follow the tz database: summer time in 2018, none in 2021', () => {
    expect(instant('2018-01-15 10:00')).toBe('2018-01-15T12:00:00.000Z');
    expect(instant('2021-01-15 10:00')).toBe('2021-01-15T13:00:00.000Z');
  });
});

describe('parseUserTime: the future', () => {
  test('a bare time later than now is yesterday’s', () => {
    expect(instant('14:37')).toBe('2021-09-20T17:37:00.000Z');
    expect(instant('23:59')).toBe('2021-09-21T02:59:00.000Z');
  });

  test('a bare time within the tolerance is today’s', () => {
    expect(instant('14:36')).toBe('2021-09-21T17:36:00.000Z');
    expect(instant('14:35', { ...saoPaulo, futureToleranceMs: 0 })).toBe('2021-09-20T17:35:00.000Z');
    expect(instant('14:40', { ...saoPaulo, futureToleranceMs: 10 * 60_000 })).toBe('2021-09-21T17:40:00.000Z');
  });

  test('a dated time in the future is refused, showing now in the same zone', () => {
    expect(error('2021-09-21 14:40')).toBe('2021-09-21 14:40 GMT-03:00 is in the future (now is 14:34 GMT-03:00).');
    expect(error('2021-09-21T17:37:00Z')).toContain('is in the future');
    expect(error('2022-01-01 10:00')).toBe('2022-01-01 10:00 GMT-03:00 is in the future (now is 2021-09-21 14:34 GMT-03:00).');
    expect(instant('2021-09-21 14:36')).toBe('2021-09-21T17:36:00.000Z');
  });
});

describe('parseUserTime: refusals', () => {
  test('dates and times that do not exist are named', () => {
    expect(error('2021-02-30 11:12')).toBe('2021-02-30 is not a valid date (February 2021 has 28 days).');
    expect(error('2019-02-29 11:12')).toContain('February 2019 has 28 days');
    expect(error('2021-04-31 11:12')).toContain('April 2021 has 30 days');
    expect(instant('2020-02-29 11:12')).toBe('2020-02-29T14:12:00.000Z');
    expect(error('2021-13-01 11:12')).toBe('2021-13-01 is not a valid date (there is no month 13).');
    expect(error('25:00')).toBe('25:00 is not a valid time of day (hours run from 00 to 23).');
    expect(error('24:00')).toContain('is not a valid time of day');
    expect(error('11:60')).toBe('11:60 is not a valid time of day (minutes run from 00 to 59).');
    expect(error('11:12:61')).toContain('seconds run from 00 to 59');
  });

  test('offsets outside -12:00..+14:00 and unknown zones are refused', () => {
    expect(error('11:12 +15:00')).toBe('+15:00 is not a valid UTC offset (offsets run from -12:00 to +14:00).');
    expect(error('11:12 -13:00')).toContain('is not a valid UTC offset');
    expect(instant('11:12 +14:00')).toBe('2021-09-20T21:12:00.000Z');
    expect(error('11:12 Mars/Olympus_Mons')).toContain('"Mars/Olympus_Mons" is not a time zone I know');
  });

  test('unreadable text gets the accepted forms', () => {
    for (const text of ['yesterday', '', '1112', '11:12 in the morning', '2021-09-13']) {
      const message = error(text);
      expect(message).toContain(`Could not read "${text}" as a time`);
      expect(message).toContain('2021-09-13 11:12 America/Sao_Paulo');
      expect(message).toContain('10 minutes ago');
    }
  });
});

describe('parseTimeRange', () => {
  function range(text: string, opts: TimeParseOptions = saoPaulo): [string, string | null] {
    const result = parseTimeRange(text, opts);
    if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
    return [result.start.toISOString(), result.end?.toISOString() ?? null];
  }

  function rangeError(text: string, opts: TimeParseOptions = saoPaulo): string {
    const result = parseTimeRange(text, opts);
    if (result.ok) throw new Error(`expected "${text}" to be refused`);
    return result.error;
  }

  const thirteenth: [string, string] = ['2021-09-13T14:12:00.000Z', '2021-09-13T14:40:00.000Z'];
  const today: [string, string] = ['2021-09-21T14:12:00.000Z', '2021-09-21T14:40:00.000Z'];

  test.each([
    ['2021-09-13 11:12 2021-09-13 11:40', thirteenth],
    ['2021-09-13 11:12 America/Sao_Paulo 2021-09-13 11:40 America/Sao_Paulo', thirteenth],
    ['2021-09-13T11:12:00-03:00 2021-09-13T14:40:00Z', thirteenth],
    ['2021-09-13 11:12 to 2021-09-13 11:40', thirteenth],
    ['11:12 11:40', today],
    ['11:12 to 11:40', today],
    ['11:12 - 11:40', today],
    ['11:12 \u2013 11:40', today],
    ['11:12..11:40', today],
    ['11:12 .. 11:40', today],
    ['10:50 -03:00 12:30 -03:00', ['2021-09-21T13:50:00.000Z', '2021-09-21T15:30:00.000Z']],
    ['1 h ago 30 min ago', ['2021-09-21T16:34:00.000Z', '2021-09-21T17:04:00.000Z']],
    ['11:12 now', ['2021-09-21T14:12:00.000Z', '2021-09-21T17:34:00.000Z']],
  ])('%s', (text, expected) => {
    expect(range(text)).toEqual(expected);
  });

  test('a single time has no end', () => {
    expect(range('11:12')).toEqual(['2021-09-21T14:12:00.000Z', null]);
    expect(range('2021-09-13 11:12 America/New_York')).toEqual(['2021-09-13T15:12:00.000Z', null]);
  });

  test('bare times across midnight take yesterday for the start', () => {
    const justAfterMidnight = { ...saoPaulo, now: new Date('2021-09-21T03:20:00Z') };
    expect(range('23:50 00:10', justAfterMidnight)).toEqual(['2021-09-21T02:50:00.000Z', '2021-09-21T03:10:00.000Z']);
  });

  test('an end before the start is refused', () => {
    expect(rangeError('2021-09-13 11:40 2021-09-13 11:12')).toBe(
      'It ends before it starts: the end 2021-09-13 11:12 GMT-03:00 is before the start 2021-09-13 11:40 GMT-03:00.',
    );
    expect(rangeError('12:00 to 11:00')).toContain('the end 2021-09-21 11:00 GMT-03:00 is before the start');
    expect(range('11:12 11:12')).toEqual(['2021-09-21T14:12:00.000Z', '2021-09-21T14:12:00.000Z']);
  });

  test('the refusals of either time are passed on', () => {
    expect(rangeError('2021-09-13 11:12 2030-01-01 10:00')).toBe('2030-01-01 10:00 GMT-03:00 is in the future (now is 2021-09-21 14:34 GMT-03:00).');
    expect(rangeError('2021-03-14 01:00 2021-03-14 02:30', newYorkWinter)).toContain('does not exist in America/New_York');
    expect(rangeError('2021-02-30 11:12 2021-03-01 11:12')).toContain('2021-02-30 is not a valid date');
  });

  test('unreadable text is refused with examples', () => {
    for (const text of ['soon', 'from 11:12 until 11:40', '11:12 11:40 12:00', '']) {
      expect(rangeError(text)).toContain('as a start time and an optional end time');
    }
  });
});

describe('allowFuture: times still to come', () => {
  // 2021-09-21 14:34 in Sao Paulo, planning ahead.
  const ahead: TimeParseOptions = { ...saoPaulo, allowFuture: true };

  function range(text: string, opts: TimeParseOptions = ahead): [string, string | null] {
    const result = parseTimeRange(text, opts);
    if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
    return [result.start.toISOString(), result.end?.toISOString() ?? null];
  }

  function rangeError(text: string, opts: TimeParseOptions = ahead): string {
    const result = parseTimeRange(text, opts);
    if (result.ok) throw new Error(`expected "${text}" to be refused`);
    return result.error;
  }

  test('a dated time ahead is accepted, however far', () => {
    expect(instant('2021-09-21 14:40', ahead)).toBe('2021-09-21T17:40:00.000Z');
    expect(instant('2026-12-01 02:00', ahead)).toBe('2026-12-01T05:00:00.000Z');
    expect(instant('2026-12-01 02:00 UTC', ahead)).toBe('2026-12-01T02:00:00.000Z');
  });

  test('a bare time is today’s while ahead or within the tolerance behind, else tomorrow’s', () => {
    expect(instant('14:40', ahead)).toBe('2021-09-21T17:40:00.000Z');
    expect(instant('23:59', ahead)).toBe('2021-09-22T02:59:00.000Z');
    expect(instant('14:33', ahead)).toBe('2021-09-21T17:33:00.000Z');
    expect(instant('14:31', ahead)).toBe('2021-09-22T17:31:00.000Z');
    expect(instant('02:00', ahead)).toBe('2021-09-22T05:00:00.000Z');
    expect(instant('14:33', { ...ahead, futureToleranceMs: 0 })).toBe('2021-09-22T17:33:00.000Z');
  });

  test('past times still read as written; refusing them is for the caller', () => {
    expect(instant('2021-09-20 10:00', ahead)).toBe('2021-09-20T13:00:00.000Z');
    expect(instant('now', ahead)).toBe('2021-09-21T17:34:00.000Z');
  });

  test('without the option nothing changes: a bare time ahead is yesterday’s, a dated one refused', () => {
    expect(instant('14:40')).toBe('2021-09-20T17:40:00.000Z');
    expect(error('2026-12-01 02:00')).toContain('is in the future');
    expect(instant('14:40', { ...saoPaulo, allowFuture: false })).toBe('2021-09-20T17:40:00.000Z');
  });

  test('a bare end time falls on the start’s day', () => {
    expect(range('2026-12-01 02:00 to 04:00')).toEqual(['2026-12-01T05:00:00.000Z', '2026-12-01T07:00:00.000Z']);
    expect(range('2026-12-01 02:00 - 04:00')).toEqual(['2026-12-01T05:00:00.000Z', '2026-12-01T07:00:00.000Z']);
    expect(range('02:00 to 04:00')).toEqual(['2021-09-22T05:00:00.000Z', '2021-09-22T07:00:00.000Z']);
  });

  test('a bare end time earlier than the start is the next day’s: an overnight window', () => {
    expect(range('2026-12-01 23:00 to 01:00')).toEqual(['2026-12-02T02:00:00.000Z', '2026-12-02T04:00:00.000Z']);
  });

  test('a bare end time is read in the start’s zone, not the default one', () => {
    expect(range('2026-12-01 02:00 Europe/Berlin to 04:00')).toEqual(['2026-12-01T01:00:00.000Z', '2026-12-01T03:00:00.000Z']);
    expect(range('2026-12-01 02:00 +05:30 to 04:00')).toEqual(['2026-11-30T20:30:00.000Z', '2026-11-30T22:30:00.000Z']);
    expect(range('2026-12-01 02:00 Europe/Berlin to 04:00 UTC')).toEqual(['2026-12-01T01:00:00.000Z', '2026-12-01T04:00:00.000Z']);
  });

  test('an end equal to the start is left to the caller; a dated end before the start is refused', () => {
    expect(range('2026-12-01 02:00 to 02:00')).toEqual(['2026-12-01T05:00:00.000Z', '2026-12-01T05:00:00.000Z']);
    expect(rangeError('2026-12-01 02:00 to 2026-11-30 04:00')).toContain('It ends before it starts');
  });

  test('DST: a gap offers both readings, an overlap asks for the offset', () => {
    const newYork = { zone: 'America/New_York', now: new Date('2021-03-01T12:00:00Z'), allowFuture: true };
    expect(rangeError('2021-03-14 02:30 to 04:00', newYork)).toBe(
      '2021-03-14 02:30 does not exist in America/New_York (clocks jumped from 02:00 to 03:00). ' + 'Did you mean 01:30 GMT-05:00 or 03:30 GMT-04:00?',
    );
    const autumn = { zone: 'America/New_York', now: new Date('2021-11-01T12:00:00Z'), allowFuture: true };
    const message = rangeError('2021-11-07 01:30 to 03:00', autumn);
    expect(message).toContain('2021-11-07 01:30 happens twice in America/New_York');
    expect(message).toContain('"2021-11-07 01:30 -04:00"');
    // The start's offset is its zone, so the bare end is read at -04:00 too.
    expect(range('2021-11-07 01:30 -04:00 to 03:00', autumn)).toEqual(['2021-11-07T05:30:00.000Z', '2021-11-07T07:00:00.000Z']);
    expect(range('2021-11-07 01:30 -04:00 to 03:00 America/New_York', autumn)).toEqual(['2021-11-07T05:30:00.000Z', '2021-11-07T08:00:00.000Z']);
  });

  test('unreadable text gets examples of times ahead', () => {
    const message = rangeError('next tuesday');
    expect(message).toContain('Could not read "next tuesday" as a start time and an optional end time');
    expect(message).toContain('"2026-12-01 02:00 to 04:00"');
    expect(message).not.toContain('ago');
  });
});
