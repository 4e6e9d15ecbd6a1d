// What a wrong clock leaves in a record must not become a negative or year-long duration.
import { describe, expect, test } from 'vitest';
import { type IncidentRecord, measureIncident, type Reached } from '../../src/domain/metrics.ts';

const minute = 60_000;
const D = Date.parse('2021-09-15T13:50:00Z');
const now = new Date(D + 30 * 86_400_000);
const yearAhead = 365 * 86_400_000;
const reached = (status: Reached['status'], minutes: number, recordedMinutes = minutes): Reached => ({
  status,
  at: new Date(D + minutes * minute),
  recordedAt: new Date(D + recordedMinutes * minute),
});
const record = (extra: Partial<IncidentRecord>): IncidentRecord => ({
  id: 1,
  severity: 2,
  components: ['CRM'],
  declaredAt: new Date(D),
  status: 'resolved',
  impactStart: null,
  impactEnd: null,
  changes: [],
  updates: [],
  ...extra,
});

describe('a clock that was wrong', () => {
  test('a declaration stamped a year ahead leaves its incident without durations, dated no later than what was recorded after it', () => {
    const measured = measureIncident(
      record({ declaredAt: new Date(D + yearAhead), changes: [reached('identified', 20), reached('resolved', 60)], updates: [reached('investigating', 5)] }),
      new Date(D + 2 * yearAhead),
    );
    expect(measured).toMatchObject({
      trustedStart: false,
      start: new Date(D + 5 * minute),
      firstUpdateMs: null,
      identifiedMs: null,
      resolvedMs: null,
      updates: 1,
    });
  });

  test('a change or update dated after now is left out; one before the declaration counts as 0', () => {
    const measured = measureIncident(
      record({
        status: 'monitoring',
        changes: [reached('identified', -15, 10), reached('monitoring', 30 * 24 * 60 + 5)],
        updates: [reached('investigating', 5), reached('identified', 30 * 24 * 60 + 10)],
      }),
      now,
    );
    expect(measured).toMatchObject({ trustedStart: true, identifiedMs: 0, monitoringMs: null, firstUpdateMs: 5 * minute, largestGapMs: null, updates: 2 });
  });

  test('an impact window ending before it starts, or starting after now, is no impact; an ongoing one lasts to now', () => {
    const backwards = record({ impactStart: new Date(D + 30 * minute), impactEnd: new Date(D + 10 * minute) });
    const ahead = record({ status: 'investigating', impactStart: new Date(now.getTime() + yearAhead) });
    const ongoing = record({ status: 'investigating', impactStart: new Date(D) });
    expect([backwards, ahead, ongoing].map((r) => measureIncident(r, now).impactMs)).toEqual([0, 0, now.getTime() - D]);
  });

  test('a resolution later reopened does not stand: an incident open again has no time to resolved', () => {
    const measured = measureIncident(record({ status: 'identified', changes: [reached('resolved', 30), reached('identified', 60)] }), now);
    expect([measured.resolvedMs, measured.identifiedMs]).toEqual([null, 60 * minute]);
  });
});
