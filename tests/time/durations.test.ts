import { describe, expect, test } from 'vitest';
import { formatAgo, formatDuration } from '../../src/time/format.ts';
import { manualClock } from '../../src/time/clock.ts';

const declared = new Date('2021-09-13T14:02:00Z');
const minutes = (n: number) => new Date(declared.getTime() + n * 60_000);

describe('durations never go negative', () => {
  test('a span measured across a backward clock step shows as 0 s', () => {
    const clock = manualClock(declared);
    const start = clock.now();
    clock.advance(-90 * 60_000);
    expect(formatDuration(clock.now().getTime() - start.getTime())).toBe('0 s');
    expect(formatDuration(-1)).toBe('0 s');
    expect(formatDuration(Number.NEGATIVE_INFINITY)).toBe('0 s');
    expect(formatDuration(Number.NaN)).toBe('0 s');
  });

  test('no span, however long or short, prints a minus sign', () => {
    for (let ms = -10 * 86_400_000; ms <= 10 * 86_400_000; ms += 3_599_999) {
      expect(formatDuration(ms)).not.toContain('-');
    }
  });
});

describe('formatAgo: how long ago, from the clock it is given', () => {
  test('past instants in each language', () => {
    expect(formatAgo(declared, minutes(12), 'en')).toBe('12 minutes ago');
    expect(formatAgo(declared, minutes(108), 'en')).toBe('about 2 hours ago');
    expect(formatAgo(declared, minutes(12), 'pt-BR')).toBe('há 12 minutos');
    expect(formatAgo(declared, minutes(12), 'es')).toBe('hace 12 minutos');
  });

  test('an instant after now (stamped before the clock stepped back) is "just now", never "in 5 minutes"', () => {
    expect(formatAgo(minutes(5), declared, 'en')).toBe('just now');
    expect(formatAgo(minutes(600), declared, 'en')).toBe('just now');
    expect(formatAgo(declared, declared, 'en')).toBe('just now');
    expect(formatAgo(minutes(5), declared, 'pt-BR')).toBe('agora mesmo');
    expect(formatAgo(minutes(5), declared, 'es')).toBe('justo ahora');
  });

  test('the phrase follows the clock passed in, not the machine’s', () => {
    const clock = manualClock(minutes(30));
    expect(formatAgo(declared, clock.now(), 'en')).toBe('30 minutes ago');
    clock.set(new Date('2031-09-13T14:02:00Z'));
    expect(formatAgo(declared, clock.now(), 'en')).toBe('about 10 years ago');
  });
});
