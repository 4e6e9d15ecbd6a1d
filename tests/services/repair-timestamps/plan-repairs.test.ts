import { describe, expect, test } from 'vitest';
import { type Stamp, planRepairs } from '../../../src/services/repair-timestamps/plan-repairs.ts';
import { verifiedNow } from '../../../src/services/repair-timestamps/verified-now.ts';
import { calendarShift, outOfOrderPositions, slackPermalinkTime, slackTsTime } from '../../../src/services/repair-timestamps/witnesses.ts';

const t = (iso: string) => new Date(iso).getTime();
const now = t('2021-09-15T15:00:00Z');
const plan = (groups: Stamp[][], toleranceMs = 60_000) => planRepairs(groups, { now, toleranceMs });
const entry = (id: number, iso: string): Stamp => ({
  table: 'TimelineEntry',
  id,
  field: 'recordedAt',
  incidentId: 1,
  value: t(iso),
  series: { key: 'timeline:1', order: id },
});

describe('witnesses', () => {
  test('Slack ts and permalinks are read to the millisecond; anything else is not a witness', () => {
    expect(slackTsTime('1631714040.123456')).toBe(t('2021-09-15T13:54:00.123Z'));
    expect(slackPermalinkTime('dave: x (https://acme.slack.com/archives/C024BE91L/p1631714040123456?thread_ts=1&cid=C1)')).toBe(t('2021-09-15T13:54:00.123Z'));
    expect([slackTsTime('1631714040'), slackTsTime('abc.123456'), slackPermalinkTime('see p1631714040123456')]).toEqual([null, null, null]);
  });

  test('a whole-year or whole-day shift is claimed only when exactly one fits', () => {
    expect(calendarShift(t('2022-09-15T13:54:00Z'), t('2021-09-15T13:53:00Z'), now)).toEqual({ time: t('2021-09-15T13:54:00Z'), label: '-1 year' });
    expect(calendarShift(t('2024-02-29T10:00:00Z'), t('2023-02-01T00:00:00Z'), t('2023-03-01T00:00:00Z'))).toEqual({
      time: t('2023-02-28T10:00:00Z'),
      label: '-1 year',
    });
    expect(calendarShift(t('2021-09-18T13:54:00Z'), t('2021-09-15T13:00:00Z'), now)).toEqual({ time: t('2021-09-15T13:54:00Z'), label: '-3 days' });
    expect(calendarShift(t('2021-09-18T13:54:00Z'), t('2021-09-10T00:00:00Z'), now)).toBeNull();
    expect(calendarShift(t('2021-09-18T12:00:00Z'), t('2021-09-15T13:00:00Z'), now)).toBeNull();
    expect(calendarShift(t('2022-09-15T13:54:00Z'), -Infinity, now)).toBeNull();
  });

  test('the fewest records are blamed, and the one that goes back in time rather than those before it', () => {
    expect([...outOfOrderPositions([1, 2, 3, 4, 5])]).toEqual([]);
    expect([...outOfOrderPositions([1, 2, 99, 4, 5])]).toEqual([2]);
    expect([...outOfOrderPositions([10, 5, 11])]).toEqual([1]);
    expect([...outOfOrderPositions([1, 5, 6, 2, 3, 4])].sort()).toEqual([1, 2]);
  });
});

describe('planRepairs', () => {
  test('clock noise within the tolerance is no finding', () => {
    expect(plan([[entry(1, '2021-09-15T14:00:00Z'), entry(2, '2021-09-15T13:59:30Z'), entry(3, '2021-09-15T15:00:45Z')]])).toEqual([]);
    expect(plan([[entry(1, '2021-09-15T14:00:00Z'), entry(2, '2021-09-15T13:59:30Z')]], 10_000).map((f) => f.problems)).toEqual([['out of order']]);
  });

  test('a run of bad records stays in order, each just after the one before', () => {
    const findings = plan([
      [entry(1, '2021-09-15T14:00:00Z'), entry(2, '2023-01-01T00:00:00Z'), entry(3, '2023-01-02T00:00:00Z'), entry(4, '2021-09-15T14:05:00Z')],
    ]);
    expect(findings.map((f) => [f.id, f.proposed?.toISOString(), f.witness])).toEqual([
      [2, '2021-09-15T14:00:00.001Z', 'just after TimelineEntry #1 recordedAt'],
      [3, '2021-09-15T14:00:00.002Z', 'just after TimelineEntry #2 recordedAt'],
    ]);
  });

  test("a customer post's Slack ts witnesses its delivery; nothing witnesses a lone record in the future", () => {
    const delivered: Stamp = {
      table: 'Delivery',
      id: 7,
      field: 'deliveredAt',
      incidentId: 1,
      value: t('2022-09-15T13:55:00Z'),
      platform: { time: t('2021-09-15T13:55:02.500Z'), witness: 'Slack message ts (delivery)' },
    };
    const maintenance: Stamp = {
      table: 'Maintenance',
      id: 1,
      field: 'createdAt',
      incidentId: null,
      value: t('2023-03-01T00:00:00Z'),
      series: { key: 'maintenances', order: 1 },
    };
    const updated: Stamp = {
      table: 'Maintenance',
      id: 1,
      field: 'updatedAt',
      incidentId: null,
      value: t('2023-03-02T00:00:00Z'),
      notBefore: ['Maintenance#1.createdAt'],
      standIns: ['Maintenance#1.createdAt'],
    };
    expect(plan([[delivered], [maintenance], [updated]]).map((f) => [f.table, f.field, f.proposed?.toISOString() ?? null, f.witness])).toEqual([
      ['Delivery', 'deliveredAt', '2021-09-15T13:55:02.500Z', 'Slack message ts (delivery)'],
      ['Maintenance', 'createdAt', null, 'cannot repair: no witness'],
      ['Maintenance', 'updatedAt', null, 'cannot repair: no witness'],
    ]);
  });

  test('updatedAt without a witness of its own takes the latest change the row shows', () => {
    const created: Stamp = {
      table: 'WebhookEndpoint',
      id: 1,
      field: 'createdAt',
      incidentId: null,
      value: t('2021-09-01T10:00:00Z'),
      series: { key: 'webhooks', order: 1 },
    };
    const updated: Stamp = {
      table: 'WebhookEndpoint',
      id: 1,
      field: 'updatedAt',
      incidentId: null,
      value: t('2021-12-24T10:00:00Z'),
      notBefore: ['WebhookEndpoint#1.createdAt'],
      standIns: ['WebhookEndpoint#1.createdAt'],
    };
    expect(plan([[created], [updated]]).map((f) => [f.proposed?.toISOString(), f.witness])).toEqual([
      ['2021-09-01T10:00:00.000Z', 'latest known change: WebhookEndpoint #1 createdAt'],
    ]);
  });
});

describe('verifiedNow', () => {
  test("is the references' time, whatever this machine's clock says; with none answering, the machine's", async () => {
    const truth = t('2021-09-15T13:50:00Z');
    const machine = () => t('2022-09-15T13:50:00Z');
    const failed: string[] = [];
    const good = await verifiedNow([{ name: 'postgresql', read: async () => ({ time: truth, resolutionMs: 0 }) }], (m) => failed.push(m), machine);
    expect(Math.abs(good.now.getTime() - truth)).toBeLessThan(1000);
    expect([good.answered, Math.round(good.offsetMs / 86_400_000)]).toEqual([['postgresql'], -365]);
    const none = await verifiedNow([{ name: 'slack', read: async () => Promise.reject(new Error('ECONNREFUSED')) }], (m) => failed.push(m), machine);
    expect([none.now.getTime(), none.answered]).toEqual([machine(), []]);
    expect(failed).toEqual(['clock: reading slack failed: ECONNREFUSED']);
  });
});
