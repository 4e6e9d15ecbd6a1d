// `crisisroom metrics` in a real process, typed as docs/metrics.md shows it, over a history written
// through the services into the workspace's database; its figures are worked out here by hand.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { changeStatus } from '../../src/services/incident/change-status.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { systemClock } from '../../src/time/clock.ts';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { root, runToEnd, workspace } from '../support/processes.ts';
import { harness } from '../support/services.ts';
import { newcomerEnv, runShell } from '../support/shell.ts';
import { asTyped } from '../support/typed.ts';

const minute = 60_000;
const day = 86_400_000;
/** Twenty days ago, on a whole minute: inside --since 90d of the command's own clock. */
const base = Math.floor((Date.now() - 20 * day) / minute) * minute;
const { dir, env } = workspace();
const shellEnv = () => newcomerEnv(env);

/**
 * INC-1 SEV1 on CRM: first update at +5, identified at +20, resolved at +45 (its update at +50), impact 50 min.
 * INC-2 SEV3 on CRM and Core: monitoring at +30, resolved at +60, nothing public. INC-3 SEV3 on Analytics: open.
 */
async function seed(): Promise<void> {
  mkdirSync(join(dir, 'data'));
  const db = await openDatabase(`file:${join(dir, 'data', 'crisisroom.db')}`, systemClock);
  try {
    const h = await harness(db, {}, new Date(base));
    const alice = h.as('alice');
    const at = (start: number, minutes: number) => h.clock.set(new Date(start + minutes * minute));
    await declareIncident(alice, { title: 'Login fails', severity: 1, components: ['CRM'] });
    at(base, 5);
    await draftPublicUpdate(alice, { incident: 1, status: 'investigating', text: 'Logins fail.' });
    await approveDraft(alice, { incident: 1 });
    at(base, 20);
    await changeStatus(alice, { incident: 1, status: 'identified' });
    at(base, 45);
    await resolveIncident(alice, { incident: 1 });
    at(base, 50);
    await approveDraft(alice, { incident: 1 });
    await db.prisma.incident.update({ where: { id: 1 }, data: { impactStart: new Date(base - 10 * minute), impactEnd: new Date(base + 40 * minute) } });

    at(base + day, 0);
    await declareIncident(alice, { title: 'Reports late', severity: 3, components: ['CRM', 'Core'] });
    at(base + day, 30);
    await changeStatus(alice, { incident: 2, status: 'monitoring' });
    at(base + day, 60);
    await resolveIncident(alice, { incident: 2 });

    at(base + 2 * day, 0);
    await declareIncident(alice, { title: 'Charts empty', severity: 3, components: ['Analytics'] });
  } finally {
    await db.close();
  }
}

const cells = (line: string) => line.split('|').map((cell) => cell.trim());

beforeAll(seed, 60_000);

describe('crisisroom metrics, as typed', () => {
  test('a table by severity, component and month; months in the status page zone', async () => {
    const run = await runShell(asTyped('npx crisisroom metrics --since 90d'), { cwd: root, env: shellEnv() });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Incident metrics over the last 90 days, as of \d{4}-\d\d-\d\d \d\d:\d\d GMT-03:00; months in America\/Sao_Paulo\./);
    const all = lines.find((line) => line.startsWith('all '))!;
    expect(cells(all)).toEqual([
      'all',
      '3',
      '5 min / 5 min',
      '25 min / 29 min',
      '30 min / 30 min',
      '52 min / 58 min',
      '0 s / 40 min',
      '0 / 1.6',
      '45 min / 45 min',
    ]);
    expect(lines.filter((line) => /^(SEV\d|CRM|Core|Analytics) /.test(line)).map((line) => cells(line).slice(0, 2))).toEqual([
      ['SEV1', '1'],
      ['SEV3', '2'],
      ['CRM', '2'],
      ['Core', '1'],
      ['Analytics', '1'],
    ]);
    const months = lines.filter((line) => /^\d{4}-\d\d /.test(line)).map((line) => Number(cells(line)[1]));
    expect(months.reduce((sum, count) => sum + count, 0)).toBe(3);
  });

  test('CSV of one component: durations in seconds, impact in minutes', async () => {
    const run = await runShell(asTyped('npx crisisroom metrics --since 90d --component CRM --format csv'), { cwd: root, env: shellEnv() });
    expect(run.code, run.stderr).toBe(0);
    const [header, ...rows] = run.stdout
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    const row = (group: string, key: string) => Object.fromEntries(header!.map((name, i) => [name, rows.find((r) => r[0] === group && r[1] === key)![i]]));
    const all = row('all', 'all');
    expect(all).toMatchObject({ incidents: '2', resolved_seconds_n: '2', resolved_seconds_median: String(52.5 * 60), resolved_seconds_p90: String(58.5 * 60) });
    expect(all).toMatchObject({ impact_minutes_n: '2', impact_minutes_median: '25', impact_minutes_p90: '45', impact_minutes_total: '50' });
    expect(all).toMatchObject({ first_update_seconds_n: '1', first_update_seconds_median: '300', largest_gap_seconds_median: '2700', updates_total: '2' });
    expect(rows.filter((r) => r[0] === 'component').map((r) => r[1])).toEqual(['CRM', 'Core']);
  });

  test('JSON: every incident with its measures, instants with their offset', async () => {
    const run = await runShell(asTyped('npx crisisroom metrics --format json'), { cwd: root, env: shellEnv() });
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { now: string; zone: string; incidents: Record<string, unknown>[]; all: { incidents: number } };
    expect([json.zone, json.all.incidents, json.now]).toEqual(['America/Sao_Paulo', 3, expect.stringMatching(/-03:00$/)]);
    expect(json.incidents.map((i) => [i.id, i.resolved_seconds, i.identified_seconds, i.impact_minutes, i.updates])).toEqual([
      ['INC-1', 45 * 60, 20 * 60, 50, 2],
      ['INC-2', 60 * 60, 30 * 60, 0, 0],
      ['INC-3', null, null, 0, 0],
    ]);
    expect(json.incidents[0]!.declared).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000-03:00$/);
  });

  test.each([
    [['--since', '90x'], '--since takes a span back from now, like 90d, 12w or 48h, of at most 36525d (got "90x").'],
    [['--format', 'xml'], '--format must be table, csv, json or html (got "xml").'],
    [['--component', 'Billing'], 'Unknown component "Billing". Components: CRM, Core, Analytics, Artificial Intelligence, Portal, Cloud Infrastructure.'],
    [['--tz', 'Mars/Olympus'], '--tz must be an IANA zone such as America/Sao_Paulo (got "Mars/Olympus").'],
    [['--out', 'report.html'], '--out names the HTML report: give it with --format html.'],
  ])('a mistake in %j exits 2 with what was wrong, then the usage', async (args, message) => {
    const run = await runToEnd(['src/main-cli.ts', 'metrics', ...args], env);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`crisisroom: ${message}`);
    expect(run.stderr).toContain('Usage: crisisroom');
  });
});

const hasChromium = chromiumAvailable('the metrics report browser test');

describe.skipIf(!hasChromium)('the HTML report, opened offline in Chromium', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'crisisroom-metrics-')), 'metrics.html');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  test('draws its three charts from the file alone, asking nothing of any server', async () => {
    const run = await runShell(asTyped('npx crisisroom metrics --format html --out <file>', { file: out }), { cwd: root, env: shellEnv() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`wrote ${out} (3 incidents)\n`);
    expect(readFileSync(out, 'utf8')).not.toMatch(/\b(?:src|href)=["']?(?:https?:)?\/\//);

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    // Anything but the file itself is refused, and would be listed above.
    await page.route('**/*', (route) => (route.request().url() === pathToFileURL(out).href ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(out).href, { waitUntil: 'load' });

    const charts = await page.evaluate(`[...document.querySelectorAll('canvas')].map((canvas) => {
      const chart = Chart.getChart(canvas);
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
      return { id: canvas.id, type: chart && chart.config.type, points: chart ? chart.data.datasets.reduce((n, set) => n + set.data.filter((v) => v !== null).length, 0) : 0, painted, width: canvas.width };
    })`);
    expect(charts).toEqual([
      { id: 'per-month', type: 'bar', points: expect.any(Number), painted: expect.any(Number), width: expect.any(Number) },
      { id: 'time-to-resolve', type: 'line', points: expect.any(Number), painted: expect.any(Number), width: expect.any(Number) },
      { id: 'impact-by-component', type: 'bar', points: 3, painted: expect.any(Number), width: expect.any(Number) },
    ]);
    for (const chart of charts as { id: string; points: number; painted: number; width: number }[]) {
      expect(chart.points, chart.id).toBeGreaterThan(0);
      expect(chart.width, chart.id).toBeGreaterThan(100);
      expect(chart.painted, chart.id).toBeGreaterThan(1000);
    }
    expect(await page.evaluate(`Chart.getChart('impact-by-component').data`)).toMatchObject({
      labels: ['CRM', 'Core', 'Analytics'],
      datasets: [{ data: [50, 0, 0] }],
    });
    expect(problems).toEqual([]);
    expect(requested).toEqual([pathToFileURL(out).href]);

    const artifacts = join(tmpdir(), 'crisisroom-artifacts');
    mkdirSync(artifacts, { recursive: true });
    const screenshot = join(artifacts, 'metrics-report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`metrics report screenshot: ${screenshot}`);
  }, 60_000);
});
