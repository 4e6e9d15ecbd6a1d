import { describe, expect, test } from 'vitest';
import { parseUserTime } from '../../src/time/parse.ts';
import { canonicalZone, offsetAt } from '../../src/time/zone.ts';

/** Renamed zones, by the name the tz database and people use now and the one ICU still reports. */
const renamed = [
  ['Asia/Kolkata', 'Asia/Calcutta'],
  ['Europe/Kyiv', 'Europe/Kiev'],
  ['Asia/Ho_Chi_Minh', 'Asia/Saigon'],
  ['Asia/Kathmandu', 'Asia/Katmandu'],
  ['Asia/Yangon', 'Asia/Rangoon'],
  ['America/Nuuk', 'America/Godthab'],
  ['America/Argentina/Buenos_Aires', 'America/Buenos_Aires'],
  ['Pacific/Kanton', 'Pacific/Enderbury'],
  ['Atlantic/Faroe', 'Atlantic/Faeroe'],
] as const;

describe('canonicalZone: one spelling per zone, the one people use', () => {
  test('renamed zones keep their current name, however they are typed', () => {
    for (const [current, old] of renamed) {
      expect(canonicalZone(current)).toBe(current);
      expect(canonicalZone(current.toLowerCase())).toBe(current);
      expect(canonicalZone(old)).toBe(current);
    }
  });

  test('the current and the old name are the same zone', () => {
    for (const [current, old] of renamed) {
      for (const at of [new Date('2021-01-15T12:00:00Z'), new Date('2021-07-15T12:00:00Z')]) {
        expect(offsetAt(at, current)).toBe(offsetAt(at, old));
      }
    }
  });

  test('links and case variants become the runtime’s name; fixed offsets are normalised', () => {
    expect(canonicalZone('us/eastern')).toBe('America/New_York');
    expect(canonicalZone('america/sao_paulo')).toBe('America/Sao_Paulo');
    expect(canonicalZone('utc')).toBe('UTC');
    expect(canonicalZone('+0530')).toBe('+05:30');
    expect(canonicalZone('Mars/Olympus_Mons')).toBeNull();
  });

  test('a refusal names the zone as people know it', () => {
    const gap = parseUserTime('2025-03-30 03:30 europe/kyiv', { zone: 'UTC', now: new Date('2025-06-01T00:00:00Z') });
    expect(gap).toEqual({
      ok: false,
      error: '2025-03-30 03:30 does not exist in Europe/Kyiv (clocks jumped from 03:00 to 04:00). Did you mean 02:30 GMT+02:00 or 04:30 GMT+03:00?',
    });
    const refused = parseUserTime('2025-10-26 03:30 Europe/Kyiv', { zone: 'UTC', now: new Date('2025-12-01T00:00:00Z') });
    expect(refused).toEqual({
      ok: false,
      error:
        '2025-10-26 03:30 happened twice in Europe/Kyiv (clocks went back from 04:00 to 03:00): 03:30 GMT+03:00 or 03:30 GMT+02:00? ' +
        'Retype it with the offset, e.g. "2025-10-26 03:30 +03:00".',
    });
  });
});
