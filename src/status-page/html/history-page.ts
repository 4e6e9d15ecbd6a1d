import { incidentId } from '../../domain/incident.ts';
import { messages, type Messages } from '../../i18n/messages.ts';
import { formatMonthOf, formatPosted } from '../../time/format.ts';
import type { HistoryPage } from '../../domain/public-page/history.ts';
import type { PublicIncident, PublicSnapshot } from '../../domain/public-page/snapshot.ts';
import { linkTo, renderDocument, type PageOptions, type PageAddress } from './document.ts';
import { escapeHtml } from './escape.ts';
import { statusBadge } from './incident-page.ts';

/**
 * Page 1 is plain `/history`; later pages are paths, not queries, so a static copy of the site
 * (where a query string is ignored) pages the same way.
 */
export function historyAddress(page: number): PageAddress {
  return { path: historyPath(page) };
}

export function historyPath(page: number): string {
  return page === 1 ? '/history' : `/history/page/${page}/`;
}

/**
 * `/history?page=N`: published incidents newest first under their month (by first update, in the zone
 * the visitor reads times in), each linking to its page, with links to newer and older pages.
 */
export function renderHistoryPage(snapshot: PublicSnapshot, history: HistoryPage, options: PageOptions): string {
  const text = messages(options.lang);
  const link = (address: PageAddress) => escapeHtml(linkTo(snapshot.page, options, address));
  const months: { label: string; incidents: PublicIncident[] }[] = [];
  for (const incident of history.incidents) {
    const label = formatMonthOf(incident.createdAt, options.zone, options.lang);
    if (months.at(-1)?.label !== label) months.push({ label, incidents: [] });
    months.at(-1)!.incidents.push(incident);
  }
  const sections = months.map(
    (month, i) => `<section class="history-month" aria-labelledby="month-${i}">
<h2 id="month-${i}">${escapeHtml(month.label)}</h2>
<ul class="history-list">
${month.incidents.map((incident) => entry(incident, options, text, link)).join('\n')}
</ul>
</section>`,
  );
  const newer = history.page > 1 ? `<a rel="prev" href="${link(historyAddress(history.page - 1))}">← ${escapeHtml(text.newerIncidents)}</a>` : '';
  const older = history.hasNext ? `<a rel="next" href="${link(historyAddress(history.page + 1))}">${escapeHtml(text.olderIncidents)} →</a>` : '';
  const main = `<nav class="breadcrumbs"><a href="${link({ path: '/' })}">${escapeHtml(text.currentStatus)}</a></nav>
<h1>${escapeHtml(text.incidentHistory)}</h1>
${sections.length > 0 ? sections.join('\n') : `<p class="empty">${escapeHtml(text.noIncidentsReported)}</p>`}
${newer || older ? `<nav class="pager" aria-label="${escapeHtml(text.pagination)}">${newer}${older}</nav>` : ''}`;
  return renderDocument(snapshot.page, options, {
    title: `${text.incidentHistory} · ${snapshot.page.name}`,
    address: historyAddress(history.page),
    home: false,
    main,
  });
}

function entry(incident: PublicIncident, options: PageOptions, text: Messages, link: (address: PageAddress) => string): string {
  const at = (instant: Date) => `<time datetime="${instant.toISOString()}">${escapeHtml(formatPosted(instant, options.zone, options.lang))}</time>`;
  const id = incidentId(incident.number);
  return `<li class="history-item impact-${incident.impact}">
<h3 class="incident-title"><a href="${link({ path: `/incidents/${id}` })}">${escapeHtml(incident.title)}</a></h3>
<p class="incident-meta"><span class="incident-id">${escapeHtml(id)}</span>${statusBadge(incident, text)}<span class="impact">${escapeHtml(text.impactLabel)}: ${escapeHtml(text.impact[incident.impact])}</span></p>
<p class="posted">${escapeHtml(text.firstUpdate)} ${at(incident.createdAt)}</p>
<p class="posted">${escapeHtml(text.latestUpdate)} ${at(incident.updatedAt)}</p>
</li>`;
}
