// Incident metrics over a history written through the services, on SQLite and PostgreSQL. Every
// expected figure is worked out here by hand from the minutes each step was taken at.
import { beforeAll, describe, expect, test } from 'vitest';
import { handleCommand } from '../../src/chat/handle-command.ts';
import type { Group, Measure } from '../../src/domain/metrics-summary.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { addNote } from '../../src/services/incident/add-note.ts';
import { changeStatus } from '../../src/services/incident/change-status.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { setImpact } from '../../src/services/incident/set-impact.ts';
import { incidentMetrics } from '../../src/services/metrics/incident-metrics.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

const minute = 60_000;
const zone = 'America/Sao_Paulo';
const D1 = Date.parse('2021-09-15T13:50:00Z');
const D2 = Date.parse('2021-09-20T10:00:00Z');
/** 22:00 on September 30 in São Paulo, already October in UTC. */
const D3 = Date.parse('2021-10-01T01:00:00Z');
const D4 = Date.parse('2021-10-05T09:00:00Z');
const D5 = Date.parse('2021-11-10T08:00:00Z');
/** When the metrics are read: after the year-ahead stamp of INC-4, so only the later records can show it wrong. */
const NOW = Date.parse('2023-01-01T00:00:00Z');
/** INC-5's impact is still going on: from D5 to now. */
const ongoingImpact = (NOW - D5) / minute;

/** The incidents' measures in minutes (updates as a count), as the history below makes them. */
const expected: Record<number, Record<Measure, number | null>> = {
  1: { firstUpdate: 10, identified: 25, monitoring: 40, resolved: 60, impact: 70, updates: 3, largestGap: 35 },
  // Reopened: resolved at +30, reopened at +90, resolved for good at +150; public updates at +5, +31, +155.
  2: { firstUpdate: 5, identified: 100, monitoring: null, resolved: 150, impact: 0, updates: 3, largestGap: 124 },
  // Its move to monitoring, recorded at +20, happened at +12; monitoring counts as identified too.
  3: { firstUpdate: null, identified: 12, monitoring: 12, resolved: 30, impact: 0, updates: 0, largestGap: null },
  // Its monitoring was stamped a year ahead by a wrong clock, before a resolution recorded at +40: left out.
  4: { firstUpdate: null, identified: 10, monitoring: null, resolved: 40, impact: 0, updates: 0, largestGap: null },
  // Identified dated 30 minutes before its declaration: reached by then, 0. Still open, impact going on.
  5: { firstUpdate: null, identified: 0, monitoring: null, resolved: null, impact: ongoingImpact, updates: 0, largestGap: null },
};

const at = (h: Harness, start: number, minutes: number) => h.clock.set(new Date(start + minutes * minute));

async function publish(h: Harness, incident: number, status: 'investigating' | 'identified' | 'monitoring', text: string) {
  await draftPublicUpdate(h.as('alice'), { incident, status, text });
  await approveDraft(h.as('alice'), { incident });
}

async function seedHistory(h: Harness): Promise<void> {
  const alice = h.as('alice');
  at(h, D1, 0);
  await declareIncident(alice, { title: 'Messages not exchanged', severity: 2, components: ['CRM', 'Core'] });
  at(h, D1, 10);
  await publish(h, 1, 'investigating', 'We are investigating.');
  at(h, D1, 25);
  await changeStatus(alice, { incident: 1, status: 'identified' });
  at(h, D1, 40);
  await changeStatus(alice, { incident: 1, status: 'monitoring' });
  at(h, D1, 45);
  await publish(h, 1, 'monitoring', 'A fix is in place.');
  at(h, D1, 60);
  await resolveIncident(alice, { incident: 1 });
  at(h, D1, 80);
  await approveDraft(alice, { incident: 1 });
  // 10:40 → 11:50 in São Paulo (UTC-3): 70 minutes, starting before the declaration.
  await setImpact(alice, { incident: 1, text: '2021-09-15 10:40 11:50' });

  at(h, D2, 0);
  await declareIncident(alice, { title: 'Desk slow', severity: 2, components: ['CRM'] });
  at(h, D2, 5);
  await publish(h, 2, 'investigating', 'Desk is slow.');
  // A note dated before the declaration is part of the story, no milestone: it moves no duration.
  await addNote(alice, { incident: 2, text: 'first alert fired', at: '2021-09-20 06:30' });
  at(h, D2, 30);
  await resolveIncident(alice, { incident: 2 });
  at(h, D2, 31);
  await approveDraft(alice, { incident: 2 });
  at(h, D2, 90);
  await changeStatus(alice, { incident: 2, status: 'investigating' });
  at(h, D2, 100);
  await changeStatus(alice, { incident: 2, status: 'identified' });
  at(h, D2, 150);
  await resolveIncident(alice, { incident: 2 });
  at(h, D2, 155);
  await approveDraft(alice, { incident: 2 });

  at(h, D3, 0);
  await declareIncident(alice, { title: 'Reports late', severity: 4, components: ['Core'] });
  at(h, D3, 20);
  await changeStatus(alice, { incident: 3, status: 'monitoring' });
  // Dated when it happened (a platform's own timestamp, or repair-timestamps), not when it was written down.
  await h.db.prisma.timelineEntry.updateMany({ where: { incidentId: 3, kind: 'status' }, data: { occurredAt: new Date(D3 + 12 * minute) } });
  at(h, D3, 30);
  await resolveIncident(alice, { incident: 3 });

  at(h, D4, 0);
  await declareIncident(alice, { title: 'Login fails', severity: 1, components: ['CRM'] });
  at(h, D4, 10);
  await changeStatus(alice, { incident: 4, status: 'identified' });
  h.clock.set(new Date(D4 + 365 * 86_400_000 + 20 * minute));
  await changeStatus(alice, { incident: 4, status: 'monitoring' });
  at(h, D4, 40);
  await resolveIncident(alice, { incident: 4 });

  at(h, D5, 0);
  await declareIncident(alice, { title: 'Charts empty', severity: 3, components: ['Analytics'] });
  await setImpact(alice, { incident: 5, text: '2021-11-10 05:00' });
  at(h, D5, 15);
  await changeStatus(alice, { incident: 5, status: 'identified' });
  await h.db.prisma.timelineEntry.updateMany({ where: { incidentId: 5, kind: 'status' }, data: { occurredAt: new Date(D5 - 30 * minute) } });

  h.clock.set(new Date(NOW));
}

/** A group's statistics in minutes, to compare with the figures worked out above. */
function inMinutes(group: Group, measure: Measure) {
  const stat = group.stats[measure];
  const unit = measure === 'updates' ? 1 : minute;
  const scaled = (value: number | null) => (value === null ? null : value / unit);
  return { n: stat.n, median: scaled(stat.median), p90: scaled(stat.p90) };
}

describe.each(databaseKinds)('incident metrics on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;

  beforeAll(async () => {
    h = await harness(database.db);
    await seedHistory(h);
  });

  test('each incident: first update, identified, monitoring, resolved, impact, updates and their largest gap', async () => {
    const metrics = await incidentMetrics(h, { zone });
    expect(metrics.incidents.map((incident) => incident.id)).toEqual([1, 2, 3, 4, 5]);
    for (const incident of metrics.incidents) {
      const minutes = (ms: number | null) => (ms === null ? null : ms / minute);
      expect(
        {
          firstUpdate: minutes(incident.firstUpdateMs),
          identified: minutes(incident.identifiedMs),
          monitoring: minutes(incident.monitoringMs),
          resolved: minutes(incident.resolvedMs),
          impact: minutes(incident.impactMs),
          updates: incident.updates,
          largestGap: minutes(incident.largestGapMs),
        },
        `INC-${incident.id}`,
      ).toEqual(expected[incident.id]);
    }
  });

  test('over all incidents: count, median and 90th percentile of each measure', async () => {
    const { summary } = await incidentMetrics(h, { zone });
    expect(summary.overall.incidents).toBe(5);
    expect(inMinutes(summary.overall, 'firstUpdate')).toEqual({ n: 2, median: 7.5, p90: 9.5 });
    expect(inMinutes(summary.overall, 'identified')).toEqual({ n: 5, median: 12, p90: 70 });
    expect(inMinutes(summary.overall, 'monitoring')).toEqual({ n: 2, median: 26, p90: expect.closeTo(37.2, 9) });
    expect(inMinutes(summary.overall, 'resolved')).toEqual({ n: 4, median: 50, p90: expect.closeTo(123, 9) });
    expect(inMinutes(summary.overall, 'largestGap')).toEqual({ n: 2, median: 79.5, p90: expect.closeTo(115.1, 9) });
    expect(inMinutes(summary.overall, 'updates')).toEqual({ n: 5, median: 0, p90: expect.closeTo(3, 9) });
    expect(inMinutes(summary.overall, 'impact')).toEqual({ n: 5, median: 0, p90: expect.closeTo(70 + 0.6 * (ongoingImpact - 70), 6) });
    expect(summary.overall.stats.impact.total / minute).toBeCloseTo(70 + ongoingImpact, 6);
  });

  test('by severity, by component in the page order (an incident on two counts in both) and by month in the reader zone', async () => {
    const { summary } = await incidentMetrics(h, { zone });
    expect(summary.bySeverity.map((group) => [group.key, group.incidents])).toEqual([
      ['SEV1', 1],
      ['SEV2', 2],
      ['SEV3', 1],
      ['SEV4', 1],
    ]);
    expect(inMinutes(summary.bySeverity[1]!, 'resolved')).toEqual({ n: 2, median: 105, p90: expect.closeTo(141, 9) });
    expect(summary.byComponent.map((group) => [group.key, group.incidents])).toEqual([
      ['CRM', 3],
      ['Core', 2],
      ['Analytics', 1],
    ]);
    expect(inMinutes(summary.byComponent[0]!, 'resolved')).toEqual({ n: 3, median: 60, p90: expect.closeTo(132, 9) });
    expect(summary.byComponent[1]!.stats.impact.total / minute).toBe(70);
    expect(summary.byMonth.map((group) => [group.key, group.incidents])).toEqual([
      ['2021-09', 3],
      ['2021-10', 1],
      ['2021-11', 1],
    ]);
    // INC-3, declared 2021-10-01 01:00 UTC, is a September incident in São Paulo and an October one in UTC.
    const utc = await incidentMetrics(h, { zone: 'UTC' });
    expect(utc.summary.byMonth.map((group) => [group.key, group.incidents])).toEqual([
      ['2021-09', 2],
      ['2021-10', 2],
      ['2021-11', 1],
    ]);
  });

  test('--since takes the span back from now, --component one component, in any case', async () => {
    // 455 days before 2023-01-01 is 2021-10-03 00:00 UTC: INC-4 and INC-5, not INC-3 of two days before.
    const recent = await incidentMetrics(h, { zone, sinceMs: 455 * 86_400_000 });
    expect(recent.since?.toISOString()).toBe('2021-10-03T00:00:00.000Z');
    expect(recent.incidents.map((incident) => incident.id)).toEqual([4, 5]);
    const crm = await incidentMetrics(h, { zone, sinceMs: 455 * 86_400_000, component: 'crm' });
    expect([crm.component, crm.incidents.map((incident) => incident.id)]).toEqual(['CRM', [4]]);
    await expect(incidentMetrics(h, { zone, component: 'Billing' })).rejects.toThrow(
      'Unknown component "Billing". Components: CRM, Core, Analytics, Artificial Intelligence, Portal, Cloud Infrastructure.',
    );
  });

  test('the newest incidents only, as /metrics reads them', async () => {
    const newest = await incidentMetrics(h, { zone, newest: 2 });
    expect(newest.incidents.map((incident) => incident.id)).toEqual([4, 5]);
  });

  test('/incident metrics in chat: a short table, by severity and component, times in the reader zone', async () => {
    const request = { ctx: h.as('alice'), resolveUser: async (name: string) => ({ id: name, name }), log: () => {} };
    const reply = await handleCommand(request, 'metrics --since 455d --component crm');
    const lines = reply.split('\n');
    expect(lines[0]).toBe(
      'Incident metrics over the last 65 weeks on CRM, as of 2022-12-31 21:00 GMT-03:00: median / 90th percentile of those that reached each.',
    );
    const cells = (line: string) => line.split('|').map((cell) => cell.trim());
    expect(cells(lines[1]!)).toEqual(['', 'incidents', 'first update', 'identified', 'monitoring', 'resolved', 'impact', 'updates', 'largest gap']);
    expect(cells(lines[2]!)).toEqual(['all', '1', '—', '10 min / 10 min', '—', '40 min / 40 min', '0 s / 0 s', '0 / 0', '—']);
    expect(cells(lines[3]!)).toEqual(['SEV1', '1', '—', '10 min / 10 min', '—', '40 min / 40 min', '0 s / 0 s', '0 / 0', '—']);
    expect(lines).toHaveLength(5);

    const all = (await handleCommand(request, 'metrics')).split('\n');
    expect(all.map((line) => cells(line)[0])).toEqual([all[0], '', 'all', 'SEV1', 'SEV2', 'SEV3', 'SEV4', 'CRM', 'Core', 'Analytics', all.at(-1)]);
    expect(cells(all[4]!)).toEqual([
      'SEV2',
      '2',
      '7 min / 9 min',
      '1 h 2 min / 1 h 32 min',
      '40 min / 40 min',
      '1 h 45 min / 2 h 21 min',
      '35 min / 1 h 3 min',
      '3 / 3',
      '1 h 19 min / 1 h 55 min',
    ]);
  });

  test('bad options are refused with what was typed and the usage', async () => {
    const request = { ctx: h.as('alice'), resolveUser: async (name: string) => ({ id: name, name }), log: () => {} };
    expect(await handleCommand(request, 'metrics --since 90x')).toBe(
      '--since takes a span back from now, like 90d, 12w or 48h, of at most 36525d (got "90x").\nUsage: /incident metrics [--since 90d] [--component CRM]',
    );
    expect(await handleCommand(request, 'metrics --component Billing')).toMatch(
      /^Unknown component "Billing"\. Components: CRM, .*\nUsage: \/incident metrics/,
    );
    expect(await handleCommand(request, 'metrics INC-3')).toMatch(/^metrics takes only --since and --component/);
  });
});
