import { describe, expect, test } from 'vitest';
import {
  formatIsoInZone,
  formatDateTime,
  formatDateTimeWindow,
  formatDuration,
  formatPosted,
  formatRelative,
  formatTimeOfDay,
  isValidTimeZone,
  sameDayIn,
} from '../../src/time/format.ts';

const at = (iso: string) => new Date(iso);
// 2021-09-21 14:34 in Sao Paulo.
const posted = at('2021-09-21T17:34:00Z');

describe('formatPosted', () => {
  test('uses each language’s medium date with a 24-hour time and explicit offset', () => {
    expect(formatPosted(posted, 'America/Sao_Paulo', 'en')).toBe('Sep 21, 2021 - 14:34 GMT-03:00');
    expect(formatPosted(posted, 'America/Sao_Paulo', 'pt-BR')).toBe('21 set 2021 - 14:34 GMT-03:00');
    expect(formatPosted(posted, 'America/Sao_Paulo', 'es')).toBe('21 sep 2021 - 14:34 GMT-03:00');
  });

  test('UTC shows GMT+00:00', () => {
    expect(formatPosted(posted, 'UTC', 'en')).toBe('Sep 21, 2021 - 17:34 GMT+00:00');
  });

  test('the date is the one in the zone, not in UTC', () => {
    const lateEvening = at('2021-09-22T02:10:00Z');
    expect(formatPosted(lateEvening, 'America/Sao_Paulo', 'en')).toBe('Sep 21, 2021 - 23:10 GMT-03:00');
    expect(formatPosted(lateEvening, 'Asia/Tokyo', 'pt-BR')).toBe('22 set 2021 - 11:10 GMT+09:00');
  });

  test('does not depend on the zone the process runs in', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York']) {
        process.env.TZ = tz;
        expect(formatPosted(at('2021-09-22T02:10:00Z'), 'America/Sao_Paulo', 'en')).toBe('Sep 21, 2021 - 23:10 GMT-03:00');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('formatTimeOfDay and formatDateTime', () => {
  test('show the offset in force at that instant in New York', () => {
    expect(formatTimeOfDay(at('2021-07-01T15:00:00Z'), 'America/New_York')).toBe('11:00 GMT-04:00');
    expect(formatTimeOfDay(at('2021-12-01T15:00:00Z'), 'America/New_York')).toBe('10:00 GMT-05:00');
  });

  test('follow the New York spring-forward second by second', () => {
    expect(formatDateTime(at('2021-03-14T06:59:59Z'), 'America/New_York')).toBe('2021-03-14 01:59 GMT-05:00');
    expect(formatDateTime(at('2021-03-14T07:00:00Z'), 'America/New_York')).toBe('2021-03-14 03:00 GMT-04:00');
  });

  test('tell apart the two 01:30s of the New York fall-back by their offsets', () => {
    expect(formatTimeOfDay(at('2021-11-07T05:30:00Z'), 'America/New_York')).toBe('01:30 GMT-04:00');
    expect(formatTimeOfDay(at('2021-11-07T06:30:00Z'), 'America/New_York')).toBe('01:30 GMT-05:00');
  });

  test('follow Berlin summer time', () => {
    expect(formatDateTime(at('2021-03-28T00:59:00Z'), 'Europe/Berlin')).toBe('2021-03-28 01:59 GMT+01:00');
    expect(formatDateTime(at('2021-03-28T01:00:00Z'), 'Europe/Berlin')).toBe('2021-03-28 03:00 GMT+02:00');
    expect(formatDateTime(at('2021-10-31T00:30:00Z'), 'Europe/Berlin')).toBe('2021-10-31 02:30 GMT+02:00');
    expect(formatDateTime(at('2021-10-31T01:30:00Z'), 'Europe/Berlin')).toBe('2021-10-31 02:30 GMT+01:00');
  });

  test('Sao Paulo has kept -03:00 all year since 2019 but had summer time before', () => {
    expect(formatDateTime(at('2021-01-15T13:00:00Z'), 'America/Sao_Paulo')).toBe('2021-01-15 10:00 GMT-03:00');
    expect(formatDateTime(at('2018-01-15T13:00:00Z'), 'America/Sao_Paulo')).toBe('2018-01-15 11:00 GMT-02:00');
  });

  test('show fractional-hour and fixed offsets, and pad every field', () => {
    expect(formatDateTime(at('2021-01-05T03:04:00Z'), 'Asia/Kolkata')).toBe('2021-01-05 08:34 GMT+05:30');
    expect(formatDateTime(at('2021-01-05T03:04:00Z'), 'Asia/Kathmandu')).toBe('2021-01-05 08:49 GMT+05:45');
    expect(formatDateTime(at('2021-01-05T03:04:00Z'), 'America/St_Johns')).toBe('2021-01-04 23:34 GMT-03:30');
    expect(formatDateTime(at('2021-01-05T03:04:00Z'), '-03:00')).toBe('2021-01-05 00:04 GMT-03:00');
    expect(formatDateTime(at('2021-01-05T03:04:00Z'), 'UTC')).toBe('2021-01-05 03:04 GMT+00:00');
  });
});

describe('formatIsoInZone', () => {
  test('ISO 8601 in the zone, with milliseconds and offset, as Statuspage writes instants', () => {
    expect(formatIsoInZone(new Date('2021-09-21T17:34:00Z'), 'America/Sao_Paulo')).toBe('2021-09-21T14:34:00.000-03:00');
    expect(formatIsoInZone(new Date('2021-09-21T17:34:00.123Z'), 'Asia/Kolkata')).toBe('2021-09-21T23:04:00.123+05:30');
    expect(formatIsoInZone(new Date('2021-03-14T07:30:00Z'), 'America/New_York')).toBe('2021-03-14T03:30:00.000-04:00');
  });
});

describe('formatDuration', () => {
  test.each([
    [0, '0 s'],
    [45_000, '45 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [12 * 60_000 + 59_000, '12 min'],
    [3_600_000, '1 h'],
    [108 * 60_000, '1 h 48 min'],
    [86_400_000, '1 d'],
    [26 * 3_600_000 + 5 * 60_000, '1 d 2 h 5 min'],
    [2 * 86_400_000 + 7 * 60_000, '2 d 7 min'],
  ])('%i ms is %s', (ms, shown) => {
    expect(formatDuration(ms)).toBe(shown);
  });

  test('a clock stepping backwards never shows a negative duration', () => {
    expect(formatDuration(-1)).toBe('0 s');
    expect(formatDuration(-90 * 60_000)).toBe('0 s');
    expect(formatDuration(Number.NaN)).toBe('0 s');
  });
});

describe('formatRelative', () => {
  const now = posted;
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

  test('past and future in every language', () => {
    expect(formatRelative(minutes(-12), now, 'en')).toBe('12 minutes ago');
    expect(formatRelative(minutes(5), now, 'en')).toBe('in 5 minutes');
    expect(formatRelative(minutes(-12), now, 'pt-BR')).toBe('há 12 minutos');
    expect(formatRelative(minutes(5), now, 'pt-BR')).toBe('em 5 minutos');
    expect(formatRelative(minutes(-12), now, 'es')).toBe('hace 12 minutos');
  });
});

describe('isValidTimeZone', () => {
  test('accepts IANA names in any case, UTC and fixed offsets', () => {
    expect(isValidTimeZone('America/Sao_Paulo')).toBe(true);
    expect(isValidTimeZone('america/new_york')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('-03:00')).toBe(true);
  });

  test('refuses names that are not zones', () => {
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('Sao Paulo')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(' ')).toBe(false);
  });
});

describe('formatDateTimeWindow', () => {
  test('the end shows its time alone on the same day, its date too on another', () => {
    expect(formatDateTimeWindow(at('2026-12-01T05:00:00Z'), at('2026-12-01T07:00:00Z'), 'America/Sao_Paulo')).toBe(
      '2026-12-01 02:00 GMT-03:00 → 04:00 GMT-03:00',
    );
    expect(formatDateTimeWindow(at('2026-12-02T02:00:00Z'), at('2026-12-02T04:00:00Z'), 'America/Sao_Paulo')).toBe(
      '2026-12-01 23:00 GMT-03:00 → 2026-12-02 01:00 GMT-03:00',
    );
  });

  test('the day is the zone’s, not UTC’s', () => {
    const [start, end] = [at('2026-12-02T02:00:00Z'), at('2026-12-02T04:00:00Z')];
    expect(sameDayIn(start, end, 'UTC')).toBe(true);
    expect(sameDayIn(start, end, 'America/Sao_Paulo')).toBe(false);
    expect(formatDateTimeWindow(start, end, 'UTC')).toBe('2026-12-02 02:00 GMT+00:00 → 04:00 GMT+00:00');
  });
});
