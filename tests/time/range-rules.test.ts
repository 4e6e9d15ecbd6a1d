import { describe, expect, test } from 'vitest';
import { parseTimeRange, parseUserTime, type TimeParseOptions } from '../../src/time/parse.ts';

// 2021-09-15 10:50 in Sao Paulo (-03:00).
const opts: TimeParseOptions = { zone: 'America/Sao_Paulo', now: new Date('2021-09-15T13:50:00Z') };

function rangeError(text: string, options: TimeParseOptions = opts): string {
  const result = parseTimeRange(text, options);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${result.start.toISOString()} to ${result.end?.toISOString()}`);
  return result.error;
}

describe('the future, with a small tolerance for clocks that disagree', () => {
  test('up to two minutes ahead is taken as now; a second more is refused', () => {
    expect(parseUserTime('2021-09-15 10:52', opts)).toEqual({ ok: true, instant: new Date('2021-09-15T13:52:00Z') });
    expect(parseUserTime('2021-09-15 10:52:01', opts)).toEqual({
      ok: false,
      error: '2021-09-15 10:52 GMT-03:00 is in the future (now is 10:50 GMT-03:00).',
    });
    expect(parseUserTime('2021-09-15T13:52:01Z', opts)).toMatchObject({ ok: false });
  });

  test('the tolerance is the caller’s to set', () => {
    expect(parseUserTime('2021-09-15 10:55', { ...opts, futureToleranceMs: 5 * 60_000 })).toMatchObject({ ok: true });
    expect(parseUserTime('2021-09-15 10:50:01', { ...opts, futureToleranceMs: 0 })).toMatchObject({ ok: false });
  });

  test('an end still ahead is refused as in the future, not read as yesterday’s', () => {
    expect(rangeError('10:30 11:30')).toBe('The end, 2021-09-15 11:30 GMT-03:00, is in the future (now is 10:50 GMT-03:00).');
    expect(rangeError('10:30 to 2021-09-15 11:30')).toBe('2021-09-15 11:30 GMT-03:00 is in the future (now is 10:50 GMT-03:00).');
  });
});

describe('an end before its start', () => {
  test('is refused, naming both', () => {
    expect(rangeError('10:30 10:10')).toBe('It ends before it starts: the end 2021-09-15 10:10 GMT-03:00 is before the start 2021-09-15 10:30 GMT-03:00.');
    expect(rangeError('2021-09-15 10:30 to 2021-09-14 23:00')).toBe(
      'It ends before it starts: the end 2021-09-14 23:00 GMT-03:00 is before the start 2021-09-15 10:30 GMT-03:00.',
    );
    expect(rangeError('10 minutes ago 30 minutes ago')).toContain('It ends before it starts');
  });

  test('is judged on instants, not on wall times in different zones', () => {
    // 10:30 in Sao Paulo is 13:30 UTC: an end at 13:40 UTC is after it.
    expect(parseTimeRange('10:30 13:40 UTC', opts)).toEqual({ ok: true, start: new Date('2021-09-15T13:30:00Z'), end: new Date('2021-09-15T13:40:00Z') });
    expect(rangeError('10:30 13:20 UTC')).toContain('It ends before it starts: the end 2021-09-15 10:20 GMT-03:00');
  });

  test('an end across a fall-back, later on the clock but earlier in time, is caught', () => {
    const newYork = { zone: 'America/New_York', now: new Date('2021-11-07T12:00:00Z') };
    // 01:10 EST (06:10 UTC) to 01:50 EDT (05:50 UTC): forty minutes on the clock, twenty before the start.
    expect(rangeError('2021-11-07 01:10 -05:00 to 2021-11-07 01:50 -04:00', newYork)).toBe(
      'It ends before it starts: the end 2021-11-07 01:50 GMT-04:00 is before the start 2021-11-07 01:10 GMT-05:00.',
    );
    expect(parseTimeRange('2021-11-07 01:50 -04:00 to 2021-11-07 01:10 -05:00', newYork)).toEqual({
      ok: true,
      start: new Date('2021-11-07T05:50:00Z'),
      end: new Date('2021-11-07T06:10:00Z'),
    });
  });
});
