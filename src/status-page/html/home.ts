import type { Language } from '../../i18n/languages.ts';
import { messages, type Messages } from '../../i18n/messages.ts';
import { layoutComponents } from '../component-groups.ts';
import { openIncidents, pageStatus } from '../page-status.ts';
import type { PublicIncident, PublicSnapshot } from '../snapshot.ts';
import { renderComponents } from './components.ts';
import { escapeHtml } from './escape.ts';
import { indicatorIcon } from './icons.ts';
import { renderIncident, type IncidentView } from './incidents.ts';

export interface HomePageOptions {
  lang: Language;
  /** IANA zone the visitor reads times in. */
  zone: string;
}

/** Statuspage's home page keeps resolved incidents in view for about two weeks. */
const pastWindowMs = 14 * 24 * 60 * 60 * 1000;

/**
 * The public home page as one complete document: no script and no inline style, so it works with
 * JavaScript off and under a CSP that allows nothing but the page's own stylesheet.
 */
export function renderHomePage(snapshot: PublicSnapshot, options: HomePageOptions): string {
  const text = messages(options.lang);
  const layout = layoutComponents(snapshot.components);
  const view: IncidentView = { lang: options.lang, zone: options.zone, text, layout };
  const status = pageStatus(snapshot);
  const open = openIncidents(snapshot);
  const name = escapeHtml(snapshot.page.name);

  // The empty data: icon stops browsers from asking for /favicon.ico, which this handler does not own.
  return `<!doctype html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${name}</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="icon" href="data:,">
<link rel="alternate" type="application/json" href="/api/v2/summary.json">
</head>
<body>
<header class="page-header"><h1>${name}</h1></header>
<main>
<section class="overall indicator-${status.indicator}">
${indicatorIcon(status.indicator)}<p class="overall-text">${escapeHtml(text.overall[status.description])}</p>
</section>
${open.length > 0 ? incidentsSection('active-incidents', text.activeIncidents, open, view) : ''}
${renderComponents(layout, text)}
${pastSection(snapshot, view)}
</main>
${footer(snapshot, options, text)}
</body>
</html>
`;
}

function incidentsSection(id: string, title: string, incidents: readonly PublicIncident[], view: IncidentView): string {
  return `<section class="incidents ${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${escapeHtml(title)}</h2>
${incidents.map((incident) => renderIncident(incident, view)).join('\n')}
</section>`;
}

function pastSection(snapshot: PublicSnapshot, view: IncidentView): string {
  const since = snapshot.builtAt.getTime() - pastWindowMs;
  const past = snapshot.incidents.filter(
    (incident) => incident.status === 'resolved' && (incident.resolvedAt ?? incident.updatedAt).getTime() > since,
  );
  const { text } = view;
  const body =
    past.length > 0
      ? past.map((incident) => renderIncident(incident, view)).join('\n')
      : `<p class="empty">${escapeHtml(text.noIncidentsReported)}</p>`;
  return `<section class="incidents past-incidents" aria-labelledby="past-incidents-title">
<h2 id="past-incidents-title">${escapeHtml(text.pastIncidents)}</h2>
<p class="section-note">${escapeHtml(text.pastIncidentsWindow)}</p>
${body}
</section>`;
}

function footer(snapshot: PublicSnapshot, options: HomePageOptions, text: Messages): string {
  const { page } = snapshot;
  // The zone travels with a language switch only when the visitor chose one, keeping default URLs short.
  const zoneQuery = options.zone === page.timeZone ? '' : `&tz=${encodeURIComponent(options.zone)}`;
  const languages = page.languages
    .map((lang) => {
      const label = escapeHtml(messages(lang).languageName);
      if (lang === options.lang) return `<li><span aria-current="true" lang="${lang}">${label}</span></li>`;
      const href = escapeHtml(`/?lang=${encodeURIComponent(lang)}${zoneQuery}`);
      return `<li><a href="${href}" hreflang="${lang}" lang="${lang}">${label}</a></li>`;
    })
    .join('');
  const switcher =
    page.languages.length > 1
      ? `<nav class="languages" aria-label="${escapeHtml(text.language)}"><ul>${languages}</ul></nav>`
      : '';
  return `<footer class="page-footer">
${switcher}
<form class="zone-form" method="get" action="/">
<input type="hidden" name="lang" value="${escapeHtml(options.lang)}">
<label for="tz">${escapeHtml(text.timeZone)}</label>
<input id="tz" name="tz" value="${escapeHtml(options.zone)}" autocomplete="off" spellcheck="false">
<button type="submit">${escapeHtml(text.apply)}</button>
</form>
<p><a href="/api/v2/summary.json">${escapeHtml(text.api)}</a></p>
</footer>`;
}
