import { describe, expect, test } from 'vitest';
import { type CadenceSettings, cadenceReminder, idleReminder, nextUpdateDue, periodOf } from '../../src/domain/cadence.ts';

const settings: CadenceSettings = { sev1: 30, sev2: 60, sev3: 120, sev4: null, dueSoonMinutes: 10, idleMinutes: 60 };
const at = (time: string) => new Date(`2021-09-15T${time}:00Z`);
const remind = (now: string, snoozed: string | null = null) => cadenceReminder(settings, at(now), at('10:30'), 30 * 60_000, snoozed ? at(snoozed) : null);

describe('the update cadence', () => {
  test('the period by severity; SEV4 has none', () => {
    expect([1, 2, 3, 4].map((sev) => periodOf(settings, sev))).toEqual([1_800_000, 3_600_000, 7_200_000, null]);
  });

  test('the next update is due one period after the latest published, else after the declaration', () => {
    const incident = { severity: 1, declaredAt: at('10:00') };
    expect(nextUpdateDue(settings, incident, null)).toEqual(at('10:30'));
    expect(nextUpdateDue(settings, incident, at('10:41'))).toEqual(at('11:11'));
    expect(nextUpdateDue(settings, { ...incident, severity: 4 }, null)).toBeNull();
  });

  test('soon from ten minutes before; overdue at the due time, then again every period it stays so', () => {
    expect(remind('10:19')).toBeNull();
    expect(remind('10:20')).toEqual({ kind: 'cadence_soon', at: at('10:30') });
    expect(remind('10:29')).toEqual({ kind: 'cadence_soon', at: at('10:30') });
    expect(remind('10:30')).toEqual({ kind: 'cadence_overdue', at: at('10:30') });
    expect(remind('10:59')).toEqual({ kind: 'cadence_overdue', at: at('10:30') });
    expect(remind('11:00')).toEqual({ kind: 'cadence_overdue', at: at('11:00') });
    expect(remind('12:17')).toEqual({ kind: 'cadence_overdue', at: at('12:00') });
  });

  test('snoozed: nothing until the snooze ends, then once at its end', () => {
    expect(remind('10:25', '10:45')).toBeNull();
    expect(remind('10:44', '10:45')).toBeNull();
    expect(remind('10:45', '10:45')).toEqual({ kind: 'cadence_overdue', at: at('10:45') });
    expect(remind('10:58', '10:45')).toEqual({ kind: 'cadence_overdue', at: at('10:45') });
    expect(remind('11:00', '10:45')).toEqual({ kind: 'cadence_overdue', at: at('11:00') });
  });

  test('an incident quiet for an idle period is pointed out, then every idle period; never when idleMinutes is null', () => {
    expect(idleReminder(settings, at('10:59'), at('10:00'), null)).toBeNull();
    expect(idleReminder(settings, at('11:00'), at('10:00'), null)).toEqual({ kind: 'idle', at: at('11:00') });
    expect(idleReminder(settings, at('12:30'), at('10:00'), null)).toEqual({ kind: 'idle', at: at('12:00') });
    expect(idleReminder(settings, at('11:10'), at('10:00'), at('11:20'))).toBeNull();
    expect(idleReminder({ ...settings, idleMinutes: null }, at('15:00'), at('10:00'), null)).toBeNull();
  });
});
