import { describe, expect, test } from 'vitest';
import { error, instant, newYorkWinter } from './parse-helpers.ts';

/** The cases: each refusal is quoted whole, and each reading it offers is typed back. */
describe('DST in 2025', () => {
  test('New York 2025-11-02 01:30 happened twice', () => {
    const opts = { zone: 'America/New_York', now: new Date('2025-12-01T15:00:00Z') };
    expect(error('2025-11-02 01:30', opts)).toBe(
      '2025-11-02 01:30 happened twice in America/New_York (clocks went back from 02:00 to 01:00): ' +
        '01:30 GMT-04:00 or 01:30 GMT-05:00? Retype it with the offset, e.g. "2025-11-02 01:30 -04:00".',
    );
    expect(instant('2025-11-02 01:30 GMT-04:00', opts)).toBe('2025-11-02T05:30:00.000Z');
    expect(instant('2025-11-02 01:30 GMT-05:00', opts)).toBe('2025-11-02T06:30:00.000Z');
    expect(instant('2025-11-02 01:30 -04:00', opts)).toBe('2025-11-02T05:30:00.000Z');
    expect(error('2025-11-02 01:30 America/New_York', { ...opts, zone: 'UTC' })).toContain('happened twice');
  });

  test('Berlin 2025-03-30 02:30 does not exist', () => {
    const opts = { zone: 'Europe/Berlin', now: new Date('2025-04-15T12:00:00Z') };
    expect(error('2025-03-30 02:30', opts)).toBe(
      '2025-03-30 02:30 does not exist in Europe/Berlin (clocks jumped from 02:00 to 03:00). ' + 'Did you mean 01:30 GMT+01:00 or 03:30 GMT+02:00?',
    );
    expect(instant('2025-03-30 01:30 GMT+01:00', opts)).toBe('2025-03-30T00:30:00.000Z');
    expect(instant('2025-03-30 03:30 GMT+02:00', opts)).toBe('2025-03-30T01:30:00.000Z');
    expect(instant('2025-03-30 03:30', opts)).toBe('2025-03-30T01:30:00.000Z');
    expect(instant('2025-03-30 01:59', opts)).toBe('2025-03-30T00:59:00.000Z');
  });

  test('a bare time is read on today’s date, so the gap is found on the day itself too', () => {
    const sundayAfternoon = { zone: 'Europe/Berlin', now: new Date('2025-03-30T14:00:00Z') };
    expect(error('02:30', sundayAfternoon)).toContain('2025-03-30 02:30 does not exist in Europe/Berlin');
  });
});

describe('Sao Paulo: summer time until 2019, none since', () => {
  const opts = { zone: 'America/Sao_Paulo', now: new Date('2025-06-01T12:00:00Z') };

  test('2019-11-03 00:30 exists: the clocks no longer moved that year', () => {
    expect(instant('2019-11-03 00:30', opts)).toBe('2019-11-03T03:30:00.000Z');
    expect(instant('2020-11-01 00:30', opts)).toBe('2020-11-01T03:30:00.000Z');
  });

  test('2018-11-04 00:30 did not: the clocks jumped at midnight, so one reading is on the day before', () => {
    expect(error('2018-11-04 00:30', opts)).toBe(
      '2018-11-04 00:30 does not exist in America/Sao_Paulo (clocks jumped from 00:00 to 01:00). ' +
        'Did you mean 2018-11-03 23:30 GMT-03:00 or 01:30 GMT-02:00?',
    );
    expect(instant('2018-11-03 23:30 GMT-03:00', opts)).toBe('2018-11-04T02:30:00.000Z');
    expect(instant('2018-11-04 01:30 GMT-02:00', opts)).toBe('2018-11-04T03:30:00.000Z');
  });

  test('the last end of summer time, 2019-02-16 23:30, happened twice; the jump is dated as it was the next day', () => {
    const message = error('2019-02-16 23:30', opts);
    expect(message).toBe(
      '2019-02-16 23:30 happened twice in America/Sao_Paulo (clocks went back from 2019-02-17 00:00 to 23:00): ' +
        '23:30 GMT-02:00 or 23:30 GMT-03:00? Retype it with the offset, e.g. "2019-02-16 23:30 -02:00".',
    );
    expect(instant('2019-02-16 23:30 -02:00', opts)).toBe('2019-02-17T01:30:00.000Z');
    expect(instant('2019-02-16 23:30 GMT-03:00', opts)).toBe('2019-02-17T02:30:00.000Z');
  });
});

describe('DST in 2021 (New York, Berlin)', () => {
  test('a New York spring-forward gap is refused with the two readings on either side', () => {
    expect(error('2021-03-14 02:30 America/New_York')).toBe(
      '2021-03-14 02:30 does not exist in America/New_York (clocks jumped from 02:00 to 03:00). ' + 'Did you mean 01:30 GMT-05:00 or 03:30 GMT-04:00?',
    );
    expect(error('2021-03-14 02:00', newYorkWinter)).toContain('does not exist in America/New_York');
    expect(error('2021-03-14 02:30 us/eastern')).toContain('does not exist in America/New_York');
    expect(instant('2021-03-14 03:00', newYorkWinter)).toBe('2021-03-14T07:00:00.000Z');
    expect(instant('2021-03-14 01:59', newYorkWinter)).toBe('2021-03-14T06:59:00.000Z');
  });

  test('the readings offered for a gap are accepted as typed', () => {
    expect(instant('2021-03-14 01:30 GMT-05:00', newYorkWinter)).toBe('2021-03-14T06:30:00.000Z');
    expect(instant('2021-03-14 03:30 GMT-04:00', newYorkWinter)).toBe('2021-03-14T07:30:00.000Z');
  });

  test('a Berlin spring-forward gap is refused', () => {
    expect(error('2021-03-28 02:30 Europe/Berlin')).toBe(
      '2021-03-28 02:30 does not exist in Europe/Berlin (clocks jumped from 02:00 to 03:00). ' + 'Did you mean 01:30 GMT+01:00 or 03:30 GMT+02:00?',
    );
  });

  test('a gap reading that is still ahead is not offered', () => {
    // 03:01 EDT, just after the jump: 03:30 EDT has not happened yet.
    const duringGap = { zone: 'America/New_York', now: new Date('2021-03-14T07:01:00Z') };
    expect(error('02:30', duringGap)).toBe(
      '2021-03-14 02:30 does not exist in America/New_York (clocks jumped from 02:00 to 03:00). ' + 'Did you mean 01:30 GMT-05:00?',
    );
  });

  test('a New York fall-back overlap is refused with both readings; an explicit offset settles it', () => {
    const message = error('2021-11-07 01:30', newYorkWinter);
    expect(message).toContain('2021-11-07 01:30 happened twice in America/New_York');
    expect(message).toContain('clocks went back from 02:00 to 01:00');
    expect(message).toContain('01:30 GMT-04:00 or 01:30 GMT-05:00');
    expect(message).toContain('"2021-11-07 01:30 -04:00"');
    expect(instant('2021-11-07 01:30 -04:00', newYorkWinter)).toBe('2021-11-07T05:30:00.000Z');
    expect(instant('2021-11-07 01:30 GMT-05:00', newYorkWinter)).toBe('2021-11-07T06:30:00.000Z');
    expect(instant('2021-11-07 00:59', newYorkWinter)).toBe('2021-11-07T04:59:00.000Z');
    expect(instant('2021-11-07 02:00', newYorkWinter)).toBe('2021-11-07T07:00:00.000Z');
  });

  test('a Berlin fall-back overlap is refused with both readings', () => {
    const berlinWinter = { zone: 'Europe/Berlin', now: new Date('2021-12-01T12:00:00Z') };
    const message = error('2021-10-31 02:30', berlinWinter);
    expect(message).toContain('2021-10-31 02:30 happened twice in Europe/Berlin');
    expect(message).toContain('02:30 GMT+02:00 or 02:30 GMT+01:00');
    expect(message).toContain('clocks went back from 03:00 to 02:00');
    expect(instant('2021-10-31 02:30 +01:00', berlinWinter)).toBe('2021-10-31T01:30:00.000Z');
    expect(instant('2021-10-31 02:30 +02:00', berlinWinter)).toBe('2021-10-31T00:30:00.000Z');
  });

  test('when only the first pass through an overlap has happened, that one is meant', () => {
    // 01:40 EDT, before the clocks go back: the 01:30 EST reading is an hour ahead.
    const firstPass = { zone: 'America/New_York', now: new Date('2021-11-07T05:40:00Z') };
    expect(instant('01:30', firstPass)).toBe('2021-11-07T05:30:00.000Z');
    const secondPass = { zone: 'America/New_York', now: new Date('2021-11-07T06:40:00Z') };
    expect(error('01:30', secondPass)).toContain('happened twice');
  });
});
