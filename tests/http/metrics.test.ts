// /metrics: the incidents' counts and duration histograms, read from the database at each scrape,
// and the Grafana dashboard built on them, which may query nothing /metrics does not serve.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, test } from 'vitest';
import { metricsRoute } from '../../src/http/metrics.ts';
import type { IncidentFigures } from '../../src/http/incident-metrics.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { changeStatus } from '../../src/services/incident/change-status.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { scrapeFigures } from '../../src/services/metrics/scrape-figures.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

const minute = 60_000;
const day = 86_400_000;
const NOW = Date.parse('2021-12-01T00:00:00Z');

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

async function scrape(figures: () => Promise<IncidentFigures>): Promise<string> {
  const route = metricsRoute(() => null, figures);
  const server = createServer((req, res) => void route(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
    expect(response.status).toBe(200);
    return await response.text();
  } finally {
    server.close();
  }
}

function samplesOf(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [, name, labels = '', value] = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line) ?? [];
      return { name: name!, labels: Object.fromEntries([...labels.matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k!, v!])), value: Number(value) };
    });
}

/** The value of the one sample of `name` with exactly these labels (le and all). */
function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === JSON.stringify(Object.entries(labels).sort()))?.value;
}

/**
 * What a dashboard queries that /metrics does not serve: each crisisroom_… name must be a metric's
 * (a histogram's name with _bucket, _sum or _count), and each label it groups by one of that metric's.
 */
function unserved(dashboard: { panels: { targets: { expr: string }[] }[] }, text: string): string[] {
  const types = new Map([...text.matchAll(/^# TYPE (\w+) (\w+)$/gm)].map(([, name, type]) => [name!, type!]));
  const labelsOf = new Map<string, Set<string>>();
  for (const sample of samplesOf(text)) {
    const base = sample.name.replace(/_(bucket|sum|count)$/, '');
    const name = types.has(sample.name) ? sample.name : base;
    for (const label of Object.keys(sample.labels)) (labelsOf.get(name) ?? labelsOf.set(name, new Set()).get(name)!).add(label);
  }
  const served = (name: string) =>
    types.has(name) || (types.get(name.replace(/_(bucket|sum|count)$/, '')) === 'histogram' && name !== name.replace(/_(bucket|sum|count)$/, ''));
  const missing: string[] = [];
  for (const { expr } of dashboard.panels.flatMap((panel) => panel.targets)) {
    const names = [...expr.matchAll(/\bcrisisroom_\w+/g)].map(([name]) => name);
    for (const name of names) if (!served(name)) missing.push(`${name} in ${expr}`);
    for (const [, list] of expr.matchAll(/\bby \(([^)]*)\)/g)) {
      for (const label of list!.split(',').map((l) => l.trim())) {
        if (!names.some((name) => (labelsOf.get(name.replace(/_(bucket|sum|count)$/, '')) ?? labelsOf.get(name))?.has(label)))
          missing.push(`label ${label} in ${expr}`);
      }
    }
  }
  return missing;
}

const dashboards = readdirSync(new URL('../../manifests/grafana/', import.meta.url)).filter((file) => file.endsWith('.json'));
const dashboard = (file: string) => JSON.parse(readFileSync(new URL(`../../manifests/grafana/${file}`, import.meta.url), 'utf8'));

describe.each(databaseKinds)('/metrics on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  let text: string;

  beforeAll(async () => {
    h = await harness(database.db, {}, new Date(NOW - 100 * day));
    const alice = h.as('alice');
    // INC-1: a hundred days ago, outside the measured window, still counted.
    await declareIncident(alice, { title: 'Old outage', severity: 2, components: ['CRM'] });
    h.clock.advance(60 * minute);
    await resolveIncident(alice, { incident: 1 });
    // INC-2, SEV2 on CRM: first update at +5, resolved at +30, its update at +31.
    h.clock.set(new Date(NOW - 10 * day));
    await declareIncident(alice, { title: 'Desk slow', severity: 2, components: ['CRM'] });
    h.clock.advance(5 * minute);
    await draftPublicUpdate(alice, { incident: 2, status: 'investigating', text: 'Desk is slow.' });
    await approveDraft(alice, { incident: 2 });
    h.clock.advance(25 * minute);
    await resolveIncident(alice, { incident: 2 });
    h.clock.advance(minute);
    await approveDraft(alice, { incident: 2 });
    // INC-3, SEV1 on Core: monitoring at +30, resolved at +90.
    h.clock.set(new Date(NOW - 5 * day));
    await declareIncident(alice, { title: 'Login fails', severity: 1, components: ['Core'] });
    h.clock.advance(30 * minute);
    await changeStatus(alice, { incident: 3, status: 'monitoring' });
    h.clock.advance(60 * minute);
    await resolveIncident(alice, { incident: 3 });
    // INC-4, SEV3 on Analytics, open, ten minutes of impact.
    h.clock.set(new Date(NOW - day));
    await declareIncident(alice, { title: 'Charts empty', severity: 3, components: ['Analytics'] });
    await database.db.prisma.incident.update({ where: { id: 4 }, data: { impactStart: new Date(NOW - day), impactEnd: new Date(NOW - day + 10 * minute) } });
    h.clock.set(new Date(NOW));
    text = await scrape(() => scrapeFigures(h));
  });

  test('every incident counted by severity and status', () => {
    const samples = samplesOf(text);
    expect(samples.filter((s) => s.name === 'crisisroom_incidents').map((s) => [s.labels.severity, s.labels.status, s.value])).toEqual([
      ['1', 'resolved', 1],
      ['2', 'resolved', 2],
      ['3', 'investigating', 1],
    ]);
    expect(sampleValue(samples, 'crisisroom_incident_metrics_read')).toBe(1);
  });

  test('durations of the last 90 days as histograms by severity, in seconds', () => {
    const samples = samplesOf(text);
    const resolved = 'crisisroom_incident_time_to_resolved_seconds';
    expect([sampleValue(samples, `${resolved}_count`, { severity: '2' }), sampleValue(samples, `${resolved}_sum`, { severity: '2' })]).toEqual([1, 1800]);
    expect([sampleValue(samples, `${resolved}_count`, { severity: '1' }), sampleValue(samples, `${resolved}_sum`, { severity: '1' })]).toEqual([1, 5400]);
    expect(sampleValue(samples, `${resolved}_bucket`, { severity: '1', le: '3600' })).toBe(0);
    expect(sampleValue(samples, `${resolved}_bucket`, { severity: '1', le: '7200' })).toBe(1);
    expect(sampleValue(samples, 'crisisroom_incident_time_to_first_update_seconds_sum', { severity: '2' })).toBe(300);
    expect(sampleValue(samples, 'crisisroom_incident_public_update_largest_gap_seconds_sum', { severity: '2' })).toBe(26 * 60);
    expect(sampleValue(samples, 'crisisroom_incident_time_to_identified_seconds_sum', { severity: '1' })).toBe(1800);
    expect(sampleValue(samples, 'crisisroom_incident_customer_impact_seconds_count', { severity: '3' })).toBe(1);
    expect(sampleValue(samples, 'crisisroom_incident_customer_impact_seconds_sum', { severity: '3' })).toBe(600);
    expect(samples.filter((s) => s.name === 'crisisroom_component_incidents').map((s) => [s.labels.component, s.value])).toEqual([
      ['CRM', 1],
      ['Core', 1],
      ['Analytics', 1],
    ]);
    expect(sampleValue(samples, 'crisisroom_component_customer_impact_seconds', { component: 'Analytics' })).toBe(600);
  });

  test.each(dashboards)('the Grafana dashboard %s queries only what /metrics serves', (file) => {
    const board = dashboard(file);
    expect(board.panels.length).toBeGreaterThan(5);
    expect(unserved(board, text)).toEqual([]);
  });
});

describe('/metrics without the database', () => {
  test('the incident figures say they were not read; the clock metrics are still served', async () => {
    const samples = samplesOf(await scrape(() => Promise.reject(new Error('database unreachable'))));
    expect(sampleValue(samples, 'crisisroom_incident_metrics_read')).toBe(0);
    expect(sampleValue(samples, 'crisisroom_clock_trusted')).toBe(1);
    expect(samples.filter((s) => s.name === 'crisisroom_incidents')).toEqual([]);
  });

  test('the dashboard check has teeth: a misspelt metric or a label the metric lacks is found', async () => {
    const text = await scrape(async () => ({ counts: [{ severity: 1, status: 'resolved', count: 1 }], measured: [] }));
    const board = {
      panels: [
        { targets: [{ expr: 'histogram_quantile(0.9, sum by (le) (crisisroom_incident_time_to_resolve_seconds_bucket))' }] },
        { targets: [{ expr: 'sum by (component) (crisisroom_incidents)' }] },
        { targets: [{ expr: 'sum by (severity) (crisisroom_incidents)' }] },
      ],
    };
    expect(unserved(board, text)).toEqual([
      'crisisroom_incident_time_to_resolve_seconds_bucket in histogram_quantile(0.9, sum by (le) (crisisroom_incident_time_to_resolve_seconds_bucket))',
      'label le in histogram_quantile(0.9, sum by (le) (crisisroom_incident_time_to_resolve_seconds_bucket))',
      'label component in sum by (component) (crisisroom_incidents)',
    ]);
  });
});
