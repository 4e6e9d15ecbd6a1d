import { messages } from '../../i18n/messages.ts';
import { layoutComponents } from '../../domain/public-page/component-groups.ts';
import { openIncidents, pageStatus } from '../../domain/public-page/page-status.ts';
import type { PublicIncident, PublicSnapshot } from '../../domain/public-page/snapshot.ts';
import { renderComponents } from './components.ts';
import { renderMaintenances } from './maintenances.ts';
import { linkTo, renderDocument, type PageOptions } from './document.ts';
import { escapeHtml } from './escape.ts';
import { renderSubscribeForm } from './subscribe-pages.ts';
import { indicatorIcon } from './icons.ts';
import { renderIncident, type IncidentView } from './incidents.ts';
import { renderUptime } from './uptime.ts';

export type HomePageOptions = PageOptions;

/** Statuspage's home page keeps resolved incidents in view for about two weeks. */
const pastWindowMs = 14 * 24 * 60 * 60 * 1000;

/** The public home page as one complete document (see renderDocument for what it may not contain). */
export function renderHomePage(snapshot: PublicSnapshot, options: HomePageOptions): string {
  const text = messages(options.lang);
  const layout = layoutComponents(snapshot.components);
  const link = (path: string) => linkTo(snapshot.page, options, { path });
  const view: IncidentView = { lang: options.lang, zone: options.zone, text, layout, link };
  const status = pageStatus(snapshot);
  const open = openIncidents(snapshot);
  const uptime = new Map(snapshot.uptime.map((component) => [component.name, component]));
  const bars = (component: { name: string }) => {
    const days = uptime.get(component.name);
    return days ? renderUptime(days, options.lang, text) : '';
  };

  const main = `<section class="overall indicator-${status.indicator}">
${indicatorIcon(status.indicator)}<p class="overall-text">${escapeHtml(text.overall[status.description])}</p>
</section>
${open.length > 0 ? incidentsSection('active-incidents', text.activeIncidents, open, view) : ''}
${renderMaintenances(snapshot, options)}
${renderComponents(layout, text, bars)}
${pastSection(snapshot, view)}
${snapshot.page.emailSubscriptions ? renderSubscribeForm(snapshot, options) : ''}`;
  return renderDocument(snapshot.page, options, { title: snapshot.page.name, address: { path: '/' }, home: true, main });
}

function incidentsSection(id: string, title: string, incidents: readonly PublicIncident[], view: IncidentView): string {
  return `<section class="incidents ${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${escapeHtml(title)}</h2>
${incidents.map((incident) => renderIncident(incident, view)).join('\n')}
</section>`;
}

/** Resolved incidents listed on the home page at most; the history page has them all. */
export const pastIncidentsShown = 10;

function pastSection(snapshot: PublicSnapshot, view: IncidentView): string {
  const since = snapshot.builtAt.getTime() - pastWindowMs;
  // A busy fortnight must not bloat the page everyone loads during an incident: the rest is in the history.
  const past = snapshot.incidents
    .filter((incident) => incident.status === 'resolved' && (incident.resolvedAt ?? incident.updatedAt).getTime() > since)
    .slice(0, pastIncidentsShown);
  const { text } = view;
  const body =
    past.length > 0 ? past.map((incident) => renderIncident(incident, view)).join('\n') : `<p class="empty">${escapeHtml(text.noIncidentsReported)}</p>`;
  const history = view.link?.('/history') ?? '/history';
  return `<section class="incidents past-incidents" aria-labelledby="past-incidents-title">
<h2 id="past-incidents-title">${escapeHtml(text.pastIncidents)}</h2>
<p class="section-note">${escapeHtml(text.pastIncidentsWindow)}</p>
${body}
<p class="history-link"><a href="${escapeHtml(history)}">${escapeHtml(text.incidentHistory)}</a></p>
</section>`;
}
