import { readFileSync } from 'node:fs';
import { monthOf } from '../domain/metrics-summary.ts';
import type { IncidentMetrics } from '../services/metrics/incident-metrics.ts';
import { metricsText } from './metrics-formats.ts';

/**
 * Chart.js's own browser build, read from the installed package and written into the report, so the
 * file draws its charts offline: it asks nothing of any server, which its Content-Security-Policy
 * (no connections, no sources but its own inline scripts) makes sure of.
 */
function chartLibrary(): string {
  const code = readFileSync(new URL('chart.umd.min.js', import.meta.resolve('chart.js')), 'utf8');
  // The source map would be fetched by an open developer console; the file holds no closing script tag, but guard anyway.
  return code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n').replaceAll('</script', '<\\/script');
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Data for the page's script, as JSON that cannot end the script element it sits in. */
const scriptJson = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');

/** What the three charts draw: incidents per month by severity, time to resolved per month, customer impact per component. */
function chartData(metrics: IncidentMetrics) {
  const months = metrics.summary.byMonth.map((group) => group.key);
  const severities = metrics.summary.bySeverity.map((group) => group.key);
  const counts = new Map<string, number>();
  for (const incident of metrics.incidents) {
    const key = `${monthOf(incident.start, metrics.zone)} SEV${incident.severity}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const hours = (ms: number | null) => (ms === null ? null : Math.round(ms / 36_000) / 100);
  return {
    months,
    perMonth: severities.map((severity) => ({ label: severity, data: months.map((month) => counts.get(`${month} ${severity}`) ?? 0) })),
    resolvedMedian: metrics.summary.byMonth.map((group) => hours(group.stats.resolved.median)),
    resolvedP90: metrics.summary.byMonth.map((group) => hours(group.stats.resolved.p90)),
    components: metrics.summary.byComponent.map((group) => group.key),
    impactMinutes: metrics.summary.byComponent.map((group) => Math.round(group.stats.impact.total / 60_000)),
  };
}

const drawing = `
const data = JSON.parse(document.getElementById('metrics-data').textContent);
const colors = ['#b3261e', '#e8710a', '#f9ab00', '#1e8e3e'];
Chart.defaults.animation = false;
Chart.defaults.aspectRatio = 2.5;
new Chart(document.getElementById('per-month'), {
  type: 'bar',
  data: { labels: data.months, datasets: data.perMonth.map((set, i) => ({ ...set, backgroundColor: colors[i % colors.length] })) },
  options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'incidents' } } } },
});
new Chart(document.getElementById('time-to-resolve'), {
  type: 'line',
  data: {
    labels: data.months,
    datasets: [
      { label: 'median', data: data.resolvedMedian, borderColor: '#1a73e8', spanGaps: true },
      { label: '90th percentile', data: data.resolvedP90, borderColor: '#b3261e', spanGaps: true },
    ],
  },
  options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'hours to resolved' } } } },
});
new Chart(document.getElementById('impact-by-component'), {
  type: 'bar',
  data: { labels: data.components, datasets: [{ label: 'customer-impact minutes', data: data.impactMinutes, backgroundColor: '#e8710a' }] },
  options: { indexAxis: 'y', scales: { x: { beginAtZero: true } } },
});
`;

export function metricsHtml(metrics: IncidentMetrics, sinceMs: number | undefined): string {
  const text = metricsText(metrics, sinceMs);
  const title = 'crisisroom incident metrics';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #202124; }
figure { margin: 2rem 0; }
figcaption { font-weight: 600; margin-bottom: .5rem; }
pre { overflow-x: auto; font-size: .8rem; background: #f8f9fa; padding: 1rem; }
</style>
</head>
<body>
<h1>${title}</h1>
<p>${escapeHtml(text.split('\n', 1)[0]!)}</p>
<figure><figcaption>Incidents per month, by severity</figcaption><canvas id="per-month" role="img" aria-label="Incidents per month, by severity"></canvas></figure>
<figure><figcaption>Time to resolved per month (hours)</figcaption><canvas id="time-to-resolve" role="img" aria-label="Time to resolved per month"></canvas></figure>
<figure><figcaption>Components by customer-impact minutes</figcaption><canvas id="impact-by-component" role="img" aria-label="Components by customer-impact minutes"></canvas></figure>
<pre>${escapeHtml(text)}</pre>
<script type="application/json" id="metrics-data">${scriptJson(chartData(metrics))}</script>
<script>${chartLibrary()}</script>
<script>${drawing}</script>
</body>
</html>
`;
}
