import { describe, expect, test } from 'vitest';
import type { ComponentState } from '../../src/domain/component.ts';
import { computeUptime, type UptimeIncident, type UptimeInput } from '../../src/domain/public-page/uptime.ts';

const at = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60_000;
const zone = 'America/Sao_Paulo';
const longAgo = at('2010-01-01T00:00:00Z');

let nextUpdate = 1;
/** An incident whose updates each change one component: [instant, component, old, new]. */
function incident(number: number, changes: [string, string, ComponentState, ComponentState][], extra: Partial<UptimeIncident> = {}): UptimeIncident {
  return {
    number,
    title: `Incident ${number}`,
    impactStart: null,
    impactEnd: null,
    resolvedAt: null,
    components: [...new Set(changes.map(([, name]) => name))],
    updates: changes.map(([instant, name, oldStatus, newStatus]) => ({
      id: nextUpdate++,
      publishedAt: at(instant),
      affectedComponents: [{ name, oldStatus, newStatus }],
    })),
    ...extra,
  };
}

/** Update ids follow publication, as the database's do. */
function inPublicationOrder(...incidents: UptimeIncident[]): UptimeIncident[] {
  const updates = incidents.flatMap((i) => i.updates).sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
  return incidents.map((i) => ({ ...i, updates: i.updates.map((u) => ({ ...u, id: updates.indexOf(u) + 1 })) }));
}

function uptime(input: Partial<UptimeInput> & Pick<UptimeInput, 'now'>) {
  return computeUptime({ zone, components: [{ name: 'CRM', status: 'operational', createdAt: longAgo }], incidents: [], ...input });
}

const day = (result: ReturnType<typeof uptime>, date: string, component = 0) => result[component]!.days.find((d) => d.date === date)!;

describe('the window', () => {
  test('90 days, ending with the snapshot day in the page zone, oldest first', () => {
    // 01:30 UTC on the 14th is still the 13th in São Paulo (-03:00).
    const [crm] = uptime({ now: at('2021-09-14T01:30:00Z') });
    expect(crm!.days).toHaveLength(90);
    expect(crm!.days[0]!.date).toBe('2021-06-16');
    expect(crm!.days.at(-1)!.date).toBe('2021-09-13');
    expect(crm!.days.every((d) => d.worst === 'operational' && d.incidents.length === 0)).toBe(true);
    expect(crm!.uptime).toBe(1);
  });
});

describe('the public state timeline', () => {
  const now = at('2021-09-15T12:00:00Z');

  test('a day with a partial outage of 1 h 48 min', () => {
    const result = uptime({
      now,
      incidents: [
        incident(7, [
          ['2021-09-13T14:22:00Z', 'CRM', 'operational', 'partial_outage'],
          ['2021-09-13T16:10:00Z', 'CRM', 'partial_outage', 'operational'],
        ]),
      ],
    });
    expect(day(result, '2021-09-13')).toEqual({
      date: '2021-09-13',
      worst: 'partial_outage',
      durations: { major_outage: 0, partial_outage: minutes(108), degraded_performance: 0, under_maintenance: 0 },
      incidents: [{ number: 7, title: 'Incident 7' }],
    });
    expect(day(result, '2021-09-12').worst).toBe('operational');
    expect(day(result, '2021-09-14')).toMatchObject({ worst: 'operational', incidents: [] });
  });

  test('Statuspage weights: major outage counts fully, partial 30 %, degraded not at all', () => {
    const result = computeUptime({
      now,
      zone,
      components: ['CRM', 'Core', 'Portal'].map((name) => ({ name, status: 'operational' as const, createdAt: longAgo })),
      incidents: [
        incident(1, [
          ['2021-09-10T10:00:00Z', 'CRM', 'operational', 'major_outage'],
          ['2021-09-10T11:00:00Z', 'CRM', 'major_outage', 'operational'],
          ['2021-09-10T10:00:00Z', 'Core', 'operational', 'partial_outage'],
          ['2021-09-10T11:00:00Z', 'Core', 'partial_outage', 'operational'],
          ['2021-09-10T10:00:00Z', 'Portal', 'operational', 'degraded_performance'],
          ['2021-09-10T11:00:00Z', 'Portal', 'degraded_performance', 'operational'],
        ]),
      ],
    });
    const measured = now.getTime() - at('2021-06-18T03:00:00Z').getTime();
    expect(result[0]!.days[0]!.date).toBe('2021-06-18');
    expect(result[0]!.uptime).toBeCloseTo(1 - minutes(60) / measured, 12);
    expect(result[1]!.uptime).toBeCloseTo(1 - (0.3 * minutes(60)) / measured, 12);
    expect(result[2]!.uptime).toBe(1);
    expect(day(result, '2021-09-10', 2)).toMatchObject({ worst: 'degraded_performance', durations: { degraded_performance: minutes(60) } });
  });

  test('the state before the window is the one the first change inside it replaced', () => {
    const result = uptime({
      now,
      components: [{ name: 'CRM', status: 'operational', createdAt: longAgo }],
      // Went partial 100 days ago (outside the window, not even loaded), recovered on 1 August.
      incidents: [incident(3, [['2021-08-01T15:00:00Z', 'CRM', 'partial_outage', 'operational']])],
    });
    const days = result[0]!.days;
    expect(days[0]).toMatchObject({ date: '2021-06-18', worst: 'partial_outage', incidents: [{ number: 3 }] });
    expect(day(result, '2021-08-01')).toMatchObject({ worst: 'partial_outage', durations: { partial_outage: minutes(12 * 60) } });
    expect(day(result, '2021-08-02')).toMatchObject({ worst: 'operational', incidents: [] });
  });

  test('without a change inside the window, the current state held all along', () => {
    const [crm] = uptime({ now, components: [{ name: 'CRM', status: 'major_outage', createdAt: longAgo }] });
    expect(crm!.days.every((d) => d.worst === 'major_outage')).toBe(true);
    expect(crm!.uptime).toBe(0);
  });

  test('a clock stepped back between two approvals does not make time run backwards', () => {
    const result = uptime({
      now,
      incidents: [
        incident(4, [
          ['2021-09-13T14:00:00Z', 'CRM', 'operational', 'major_outage'],
          ['2021-09-13T13:30:00Z', 'CRM', 'major_outage', 'operational'],
        ]),
      ],
    });
    // The outage lasted no measurable time; nothing is counted twice or negative, and the incident is still named.
    expect(day(result, '2021-09-13')).toMatchObject({ worst: 'operational', durations: { major_outage: 0 }, incidents: [{ number: 4 }] });
    expect(result[0]!.uptime).toBe(1);
  });
});

describe('customer-impact windows', () => {
  test('an ongoing impact counts from its start until the snapshot, before any update went out', () => {
    const now = at('2021-09-13T15:20:00Z');
    const open = incident(9, [['2021-09-13T14:22:00Z', 'CRM', 'operational', 'partial_outage']], { impactStart: at('2021-09-13T14:05:00Z') });
    const today = day(uptime({ now, incidents: [open] }), '2021-09-13');
    expect(today).toMatchObject({ worst: 'partial_outage', durations: { partial_outage: minutes(75) }, incidents: [{ number: 9 }] });
  });

  test('an impact left open ends with the incident resolution', () => {
    const now = at('2021-09-15T12:00:00Z');
    const resolved = incident(
      10,
      [
        ['2021-09-13T14:30:00Z', 'CRM', 'operational', 'major_outage'],
        ['2021-09-13T14:40:00Z', 'CRM', 'major_outage', 'operational'],
      ],
      { impactStart: at('2021-09-13T14:00:00Z'), resolvedAt: at('2021-09-13T15:00:00Z') },
    );
    expect(day(uptime({ now, incidents: [resolved] }), '2021-09-13').durations.major_outage).toBe(minutes(60));
  });

  test('inside the window the incident follows its own published states, first one first', () => {
    const now = at('2021-09-15T12:00:00Z');
    const worsening = incident(
      11,
      [
        ['2021-09-13T14:30:00Z', 'CRM', 'operational', 'partial_outage'],
        ['2021-09-13T15:00:00Z', 'CRM', 'partial_outage', 'major_outage'],
        ['2021-09-13T15:10:00Z', 'CRM', 'major_outage', 'operational'],
      ],
      { impactStart: at('2021-09-13T14:00:00Z'), impactEnd: at('2021-09-13T15:30:00Z') },
    );
    // 14:00–15:00 partial (the first state reaches back to the start), 15:00–15:30 major (still, after the page recovered).
    expect(day(uptime({ now, incidents: [worsening] }), '2021-09-13').durations).toMatchObject({
      partial_outage: minutes(60),
      major_outage: minutes(30),
    });
  });

  test('a window whose incident published no state for the component adds no downtime, but names the incident', () => {
    const now = at('2021-09-15T12:00:00Z');
    const quiet: UptimeIncident = { ...incident(12, []), components: ['CRM'], impactStart: at('2021-09-13T14:00:00Z'), impactEnd: at('2021-09-13T15:00:00Z') };
    expect(day(uptime({ now, incidents: [quiet] }), '2021-09-13')).toMatchObject({ worst: 'operational', incidents: [{ number: 12 }] });
  });

  test('never lowers what the page showed, and several incidents are listed in order', () => {
    const now = at('2021-09-15T12:00:00Z');
    const long = incident(20, [
      ['2021-09-13T12:00:00Z', 'CRM', 'operational', 'major_outage'],
      ['2021-09-13T18:00:00Z', 'CRM', 'major_outage', 'operational'],
    ]);
    const short = incident(15, [['2021-09-13T13:00:00Z', 'CRM', 'major_outage', 'partial_outage']], {
      impactStart: at('2021-09-13T12:30:00Z'),
      impactEnd: at('2021-09-13T13:30:00Z'),
    });
    const result = day(uptime({ now, incidents: inPublicationOrder(long, short) }), '2021-09-13');
    // 12:00–13:00 major, 13:00–18:00 partial (short's change), but never below what was public.
    expect(result.durations).toMatchObject({ major_outage: minutes(60), partial_outage: minutes(300) });
    expect(result.incidents.map((i) => i.number)).toEqual([15, 20]);
  });
});

describe('days in the page zone', () => {
  test('an outage from 23:00 to 01:00 in São Paulo is one hour on each of two days', () => {
    const result = uptime({
      now: at('2021-09-15T12:00:00Z'),
      incidents: [
        incident(5, [
          ['2021-09-14T02:00:00Z', 'CRM', 'operational', 'major_outage'],
          ['2021-09-14T04:00:00Z', 'CRM', 'major_outage', 'operational'],
        ]),
      ],
    });
    expect(day(result, '2021-09-13').durations.major_outage).toBe(minutes(60));
    expect(day(result, '2021-09-14').durations.major_outage).toBe(minutes(60));
    expect(day(result, '2021-09-13').incidents).toEqual([{ number: 5, title: 'Incident 5' }]);
    expect(day(result, '2021-09-14').incidents).toEqual([{ number: 5, title: 'Incident 5' }]);
  });

  test('a day whose midnight a DST change skipped is 23 hours long', () => {
    // 4 November 2018: São Paulo jumped from 00:00 to 01:00 (-03:00 → -02:00).
    const [crm] = uptime({ now: at('2018-11-06T12:00:00Z'), components: [{ name: 'CRM', status: 'partial_outage', createdAt: longAgo }] });
    const dstDay = crm!.days.find((d) => d.date === '2018-11-04')!;
    expect(dstDay.durations.partial_outage).toBe(minutes(23 * 60));
    expect(crm!.days.find((d) => d.date === '2018-11-03')!.durations.partial_outage).toBe(minutes(24 * 60));
  });
});

describe('a component added during the window', () => {
  test('has no data before it existed, and its uptime counts only since then', () => {
    const now = at('2021-09-15T12:00:00Z');
    const result = uptime({
      now,
      components: [{ name: 'CRM', status: 'operational', createdAt: at('2021-09-14T15:00:00Z') }],
      incidents: [
        incident(6, [
          ['2021-09-15T09:00:00Z', 'CRM', 'operational', 'major_outage'],
          ['2021-09-15T10:00:00Z', 'CRM', 'major_outage', 'operational'],
        ]),
      ],
    });
    expect(day(result, '2021-09-13')).toMatchObject({ worst: null, incidents: [] });
    expect(day(result, '2021-09-14').worst).toBe('operational');
    const measured = now.getTime() - at('2021-09-14T15:00:00Z').getTime();
    expect(result[0]!.uptime).toBeCloseTo(1 - minutes(60) / measured, 12);
  });
});
