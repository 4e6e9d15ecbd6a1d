import { describe, expect, test } from 'vitest';
import { isOverdue, readDueDay, todayIn } from '../../src/time/calendar-day.ts';

// Wednesday 2021-09-15 23:30 in Sao Paulo (UTC-3) is already Thursday the 16th in UTC and in Tokyo.
const lateWednesday = new Date('2021-09-16T02:30:00Z');
const saoPaulo = 'America/Sao_Paulo';
const day = (typed: string, zone = saoPaulo, now = lateWednesday) => readDueDay(typed, now, zone);

describe('due days as typed, read in the person’s zone', () => {
  test('today is the zone’s calendar day, not the server’s or UTC’s', () => {
    expect(todayIn(lateWednesday, saoPaulo)).toBe('2021-09-15');
    expect(todayIn(lateWednesday, 'Asia/Tokyo')).toBe('2021-09-16');
    expect(day('today')).toEqual({ ok: true, day: '2021-09-15' });
    expect(day('today', 'Asia/Tokyo')).toEqual({ ok: true, day: '2021-09-16' });
  });

  test('tomorrow, in days and in weeks count calendar days, across months and years', () => {
    expect(day('tomorrow')).toEqual({ ok: true, day: '2021-09-16' });
    expect(day('in 3 days')).toEqual({ ok: true, day: '2021-09-18' });
    expect(day('In  1 day')).toEqual({ ok: true, day: '2021-09-16' });
    expect(day('in 2 weeks')).toEqual({ ok: true, day: '2021-09-29' });
    expect(day('in 120 days')).toEqual({ ok: true, day: '2022-01-13' });
  });

  test('a day across a DST change is still one calendar day on', () => {
    // Sydney moved its clocks forward on 2021-10-03: that day was 23 hours long.
    const saturday = new Date('2021-10-02T10:00:00Z');
    expect(readDueDay('tomorrow', saturday, 'Australia/Sydney')).toEqual({ ok: true, day: '2021-10-03' });
    expect(readDueDay('in 2 days', saturday, 'Australia/Sydney')).toEqual({ ok: true, day: '2021-10-04' });
  });

  test('a weekday is the next one; the day’s own name is a week on', () => {
    expect(day('friday')).toEqual({ ok: true, day: '2021-09-17' });
    expect(day('Mon')).toEqual({ ok: true, day: '2021-09-20' });
    expect(day('wednesday')).toEqual({ ok: true, day: '2021-09-22' });
    expect(day('wednesday', 'Asia/Tokyo')).toEqual({ ok: true, day: '2021-09-22' });
    expect(day('thursday', 'Asia/Tokyo')).toEqual({ ok: true, day: '2021-09-23' });
  });

  test('a date is taken as written when it is on the calendar and not past', () => {
    expect(day('2021-09-30')).toEqual({ ok: true, day: '2021-09-30' });
    expect(day('2021-09-15')).toEqual({ ok: true, day: '2021-09-15' });
    expect(day('2021-02-30')).toEqual({ ok: false, error: '2021-02-30 is not a day of the calendar.' });
    expect(day('2021-13-01')).toEqual({ ok: false, error: '2021-13-01 is not a day of the calendar.' });
  });

  test('a day already over where the person is is refused, with their today', () => {
    expect(day('2021-09-14')).toEqual({ ok: false, error: '2021-09-14 is past: today is 2021-09-15 in America/Sao_Paulo. A follow-up is due today or later.' });
    expect(day('2021-09-15', 'Asia/Tokyo')).toEqual({
      ok: false,
      error: '2021-09-15 is past: today is 2021-09-16 in Asia/Tokyo. A follow-up is due today or later.',
    });
  });

  test('anything else is refused with the forms that are understood', () => {
    for (const typed of ['next week', 'in three days', '30/09/2021', 'in 3 months', 'fri day']) {
      expect(day(typed)).toEqual({
        ok: false,
        error: `Could not read "${typed}" as a due day. Write it like 2021-09-30, today, tomorrow, a weekday (friday), in 3 days or in 2 weeks.`,
      });
    }
  });

  test('a follow-up is overdue once its day is over in the reader’s zone', () => {
    expect(isOverdue('2021-09-15', lateWednesday, saoPaulo)).toBe(false);
    expect(isOverdue('2021-09-15', lateWednesday, 'Asia/Tokyo')).toBe(true);
    expect(isOverdue('2021-09-14', lateWednesday, saoPaulo)).toBe(true);
  });
});
