import { incidentId } from '../../domain/incident.ts';
import type { PublicIncident, PublicPage } from '../../domain/public-page/snapshot.ts';
import type { Messages } from '../../i18n/messages.ts';
import { formatPosted } from '../../time/format.ts';
import { linkTo, type PageOptions } from './document.ts';
import { escapeHtml } from './escape.ts';

/**
 * The related incidents below an incident's updates, each linked to its own page, with its first
 * publication's date in the visitor's zone and offset: `Recurrence of INC-3 Login failures · Sep 8, 2021 - 09:00 GMT-03:00`.
 */
export function relatedSection(page: PublicPage, incident: PublicIncident, options: PageOptions, text: Messages): string {
  if (incident.related.length === 0) return '';
  const items = incident.related.map((other) => {
    const id = incidentId(other.number);
    const href = escapeHtml(linkTo(page, options, { path: `/incidents/${id}` }));
    const date = `<time datetime="${other.createdAt.toISOString()}">${escapeHtml(formatPosted(other.createdAt, options.zone, options.lang))}</time>`;
    return `<li class="related-${other.relation}">${escapeHtml(text.relation[other.relation])} <a href="${href}">${escapeHtml(id)} ${escapeHtml(other.title)}</a> · ${date}</li>`;
  });
  return `<section class="related-incidents" aria-labelledby="related-incidents">
<h2 id="related-incidents">${escapeHtml(text.relatedIncidents)}</h2>
<ul>
${items.join('\n')}
</ul>
</section>`;
}
