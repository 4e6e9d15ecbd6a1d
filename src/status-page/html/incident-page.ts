import { incidentId } from '../../domain/incident.ts';
import { reportBlocks, versionFor } from '../../domain/report.ts';
import { shippedTemplates } from '../../i18n/report-templates.ts';
import { messages, type Messages } from '../../i18n/messages.ts';
import { formatPosted } from '../../time/format.ts';
import { layoutComponents } from '../../domain/public-page/component-groups.ts';
import type { PublicIncident, PublicSnapshot } from '../../domain/public-page/snapshot.ts';
import { linkTo, renderDocument, type PageOptions } from './document.ts';
import { escapeHtml } from './escape.ts';
import { htmlParagraphs } from './paragraphs.ts';
import { resolvedIcon } from './icons.ts';
import { affectedLine, renderUpdate } from './incidents.ts';
import { relatedSection } from './related-incidents.ts';

/**
 * One incident on a page of its own (`/incidents/INC-7`): its state, customer impact, every published
 * update newest first and what it affected, in the visitor's language and zone.
 */
export function renderIncidentPage(snapshot: PublicSnapshot, incident: PublicIncident, options: PageOptions): string {
  const text = messages(options.lang);
  const id = incidentId(incident.number);
  const link = (path: string) => escapeHtml(linkTo(snapshot.page, options, { path }));
  const affected = affectedLine(incident, { lang: options.lang, layout: layoutComponents(snapshot.components) });
  const view = { lang: options.lang, zone: options.zone, text };
  const main = `<nav class="breadcrumbs"><a href="${link('/')}">${escapeHtml(text.currentStatus)}</a><a href="${link('/history')}">${escapeHtml(text.incidentHistory)}</a></nav>
<article class="incident incident-page impact-${incident.impact}">
<h1 class="incident-title">${escapeHtml(incident.title)}</h1>
<p class="incident-meta"><span class="incident-id">${escapeHtml(id)}</span>${statusBadge(incident, text)}<span class="impact">${escapeHtml(text.impactLabel)}: ${escapeHtml(text.impact[incident.impact])}</span></p>
${impactWindow(incident, options, text)}
${nextUpdate(incident, options, text)}
${reportSection(snapshot, incident, options, text)}
<ol class="updates">
${incident.updates.map((update) => renderUpdate(update, view)).join('\n')}
</ol>
${affected ? `<p class="affected">${escapeHtml(text.thisIncidentAffected)}: ${escapeHtml(affected)}</p>` : ''}
${relatedSection(snapshot.page, incident, options, text)}
</article>`;
  return renderDocument(snapshot.page, options, {
    title: `${id} ${incident.title} · ${snapshot.page.name}`,
    address: { path: `/incidents/${id}` },
    home: false,
    main,
  });
}

/** "Next update by Sep 21, 2021 - 15:00 GMT-03:00", while an open incident's next public update is ahead. */
function nextUpdate(incident: PublicIncident, options: PageOptions, text: Messages): string {
  if (!incident.nextUpdateBy) return '';
  const by = incident.nextUpdateBy;
  return `<p class="next-update">${escapeHtml(text.nextUpdateBy)} <time datetime="${by.toISOString()}">${escapeHtml(formatPosted(by, options.zone, options.lang))}</time></p>`;
}

/** The status of the latest update, in words; resolved also gets the check mark the home page uses. */
export function statusBadge(incident: Pick<PublicIncident, 'status'>, text: Messages): string {
  const icon = incident.status === 'resolved' ? resolvedIcon : '';
  return `<span class="badge badge-${incident.status}">${icon}${escapeHtml(text.statusLabel)}: ${escapeHtml(text.incidentStatus[incident.status])}</span>`;
}

/**
 * The incident report above the updates, as Statuspage places a postmortem: its sections in the
 * visitor's language (else the page's default one, marked as that language), each titled section
 * under its heading; one paragraph per block of text between blank lines, line breaks kept inside.
 */
function reportSection(snapshot: PublicSnapshot, incident: PublicIncident, options: PageOptions, text: Messages): string {
  const { report } = incident;
  if (report === null) return '';
  const paragraphs = (body: string) => htmlParagraphs(body).map((paragraph) => `<p>${paragraph}</p>`);
  const version = versionFor(report.sections ?? {}, options.lang, snapshot.page.languages);
  const lang = version?.lang;
  const content = version
    ? reportBlocks(version.sections, snapshot.page.reportTitles?.[version.lang] ?? shippedTemplates[version.lang].titles).map(
        (block) =>
          `<div class="report-section report-${block.section}">${block.title ? `<h3>${escapeHtml(block.title)}</h3>\n` : ''}${paragraphs(block.text).join('\n')}</div>`,
      )
    : paragraphs(report.body);
  const posted = `<time datetime="${report.publishedAt.toISOString()}">${escapeHtml(formatPosted(report.publishedAt, options.zone, options.lang))}</time>`;
  const foreign = lang && lang !== options.lang ? ` lang="${escapeHtml(lang)}"` : '';
  return `<section class="incident-report" id="report" aria-labelledby="incident-report">
<h2 id="incident-report">${escapeHtml(text.incidentReport)}</h2>
<div class="report-body"${foreign}>
${content.join('\n')}
</div>
<p class="posted">${escapeHtml(text.posted)} ${posted}</p>
</section>`;
}

/**
 * `Customer impact: Sep 13, 2021 - 11:05 GMT-03:00 → ongoing`. An impact left open ends with the
 * incident's resolution, as the uptime bars count it.
 */
function impactWindow(incident: PublicIncident, options: PageOptions, text: Messages): string {
  if (incident.impactStart === null) return '';
  const at = (instant: Date) => `<time datetime="${instant.toISOString()}">${escapeHtml(formatPosted(instant, options.zone, options.lang))}</time>`;
  const end = incident.impactEnd ?? incident.resolvedAt;
  return `<p class="impact-window">${escapeHtml(text.customerImpact)}: ${at(incident.impactStart)} → ${end ? at(end) : escapeHtml(text.ongoing)}</p>`;
}
