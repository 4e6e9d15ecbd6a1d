import { incidentId } from '../../domain/incident.ts';
import type { Language } from '../../i18n/languages.ts';
import type { Messages } from '../../i18n/messages.ts';
import { formatCalendarDate, formatDuration } from '../../time/format.ts';
import type { ComponentUptime, DowntimeState, UptimeDay } from '../../domain/public-page/uptime.ts';
import { escapeHtml } from './escape.ts';

/** Worst first: a label reads what hurt most before anything else. */
const labelled: readonly DowntimeState[] = ['major_outage', 'partial_outage', 'degraded_performance', 'under_maintenance'];

/** A busy day names a few incidents and counts the rest, so one day cannot bloat the page. */
const incidentsPerLabel = 3;

/**
 * A component's days as a row of bars, oldest first. Each bar has a colour class and its own words
 * (read by screen readers, shown as a tooltip on hover by the stylesheet), so colour is never the only
 * signal; the list's name says what the bars are.
 */
export function renderUptime(uptime: ComponentUptime, lang: Language, text: Messages): string {
  const days = uptime.days
    .map((day) => `<li class="day-${day.worst ?? 'none'}"><span class="tip">${escapeHtml(dayLabel(day, lang, text))}</span></li>`)
    .join('');
  const total = uptime.uptime === null ? text.noData : text.uptimePercent(formatPercent(uptime.uptime, lang));
  return `<div class="uptime">
<ol class="bars" aria-label="${escapeHtml(text.uptimeBars(uptime.name, uptime.days.length))}">${days}</ol>
<p class="uptime-legend"><span>${escapeHtml(text.uptimeSince(uptime.days.length))}</span><span class="uptime-total">${escapeHtml(total)}</span><span>${escapeHtml(text.today)}</span></p>
</div>`;
}

/** `Sep 13, 2021: partial outage 1 h 48 min — INC-7 Degraded performance` */
function dayLabel(day: UptimeDay, lang: Language, text: Messages): string {
  const date = formatCalendarDate(day.date, lang);
  if (day.worst === null) return `${date}: ${text.noData}`;
  const spans = labelled.filter((state) => day.durations[state] > 0).map((state) => `${text.downtime[state]} ${formatDuration(day.durations[state])}`);
  const summary = spans.length > 0 ? spans.join(', ') : text.noDowntime;
  const named = day.incidents.slice(0, incidentsPerLabel).map((incident) => `${incidentId(incident.number)} ${incident.title}`);
  if (day.incidents.length > incidentsPerLabel) named.push(text.moreIncidents(day.incidents.length - incidentsPerLabel));
  return named.length > 0 ? `${date}: ${summary} — ${named.join('; ')}` : `${date}: ${summary}`;
}

/** Two decimals, truncated: 99.996 % of uptime must not read as 100.00 %. */
export function formatPercent(uptime: number, lang: Language): string {
  // The small epsilon absorbs binary rounding (0.9987 × 10000 = 9986.999…), not real downtime.
  const hundredths = Math.floor(uptime * 10_000 + 1e-6);
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(hundredths / 100);
}
