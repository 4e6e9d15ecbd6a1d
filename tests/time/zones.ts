import { offsetAt } from '../../src/time/zone.ts';

/**
 * Real IANA zones for the property tests: the five the issue names, every odd offset in use (quarter
 * hours, +14, -11), zones with unusual DST (negative in Dublin, 30 minutes on Lord Howe, two hours on
 * Troll, suspended for Ramadan in Casablanca) and a spread of ordinary ones.
 */
export const zones = [
  'America/New_York',
  'Europe/Berlin',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/St_Johns',
  'Antarctica/Troll',
  'Europe/Dublin',
  'Africa/Casablanca',
  'UTC',
  'Europe/London',
  'Europe/Lisbon',
  'Europe/Moscow',
  'Europe/Istanbul',
  'Asia/Tehran',
  'Asia/Kabul',
  'Asia/Yangon',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Dhaka',
  'Asia/Jerusalem',
  'Asia/Gaza',
  'Australia/Adelaide',
  'Australia/Eucla',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Pacific/Apia',
  'Pacific/Marquesas',
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Chicago',
  'America/Havana',
  'America/Santiago',
  'America/Asuncion',
  'America/Caracas',
  'Africa/Cairo',
  'Atlantic/Azores',
] as const;

/** The offset Intl prints for the instant (`GMT+05:30`, `GMT-03`, or `GMT` for zero), in minutes east. */
export function intlOffsetMinutes(instant: Date, zone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  if (name === 'GMT') return 0;
  const match = /^GMT([+-])(\d{2}):?(\d{2})?(?::?(\d{2}))?$/.exec(name ?? '');
  if (!match) throw new Error(`unexpected offset name "${name}" for ${zone}`);
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0) + Number(match[4] ?? 0) / 60;
  return match[1] === '-' ? -minutes : minutes;
}

/** The first instant after `from` (within `withinMs`) at which the zone's offset changes, to the millisecond. */
export function nextTransition(zone: string, from: number, withinMs = 400 * 86_400_000): number | null {
  const step = 6 * 3_600_000;
  const initial = offsetAt(new Date(from), zone);
  for (let t = from + step; t <= from + withinMs; t += step) {
    if (offsetAt(new Date(t), zone) === initial) continue;
    let [low, high] = [t - step, t];
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (offsetAt(new Date(mid), zone) === initial) low = mid;
      else high = mid;
    }
    return high;
  }
  return null;
}
