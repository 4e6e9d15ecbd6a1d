import { incidentId } from '../../domain/incident.ts';
import type { Language } from '../../i18n/languages.ts';
import type { Messages } from '../../i18n/messages.ts';
import { formatPosted } from '../../time/format.ts';
import type { PageEntry } from '../../domain/public-page/component-groups.ts';
import type { PublicIncident, PublicUpdate } from '../../domain/public-page/snapshot.ts';
import { escapeHtml } from './escape.ts';
import { resolvedIcon } from './icons.ts';

export interface IncidentView {
  lang: Language;
  zone: string;
  text: Messages;
  layout: readonly PageEntry[];
  /** The address of a page of the site, keeping the visitor's language and zone; titles link to their incident page when given. */
  link?: (path: string) => string;
}

export function renderIncident(incident: PublicIncident, view: IncidentView): string {
  const { text } = view;
  const resolved = incident.status === 'resolved';
  const badge = resolved ? `<span class="badge badge-resolved">${resolvedIcon}${escapeHtml(text.incidentStatus.resolved)}</span>` : '';
  const affected = affectedLine(incident, view);
  return `<article class="incident impact-${incident.impact}" id="${escapeHtml(incidentId(incident.number))}">
<h3 class="incident-title">${titleOf(incident, view)}</h3>
<p class="incident-meta">${badge}<span class="impact">${escapeHtml(text.impactLabel)}: ${escapeHtml(text.impact[incident.impact])}</span></p>
<ol class="updates">
${incident.updates.map((update) => renderUpdate(update, view)).join('\n')}
</ol>
${affected ? `<p class="affected">${escapeHtml(text.thisIncidentAffected)}: ${escapeHtml(affected)}</p>` : ''}
</article>`;
}

function titleOf(incident: PublicIncident, view: IncidentView): string {
  const title = escapeHtml(incident.title);
  return view.link ? `<a href="${escapeHtml(view.link(`/incidents/${incidentId(incident.number)}`))}">${title}</a>` : title;
}

export function renderUpdate(update: PublicUpdate, view: Pick<IncidentView, 'lang' | 'zone' | 'text'>): string {
  return `<li class="update">
<p class="update-body"><strong class="update-status">${escapeHtml(view.text.incidentStatus[update.status])}</strong> - ${escapeHtml(update.body)}</p>
<p class="posted">${escapeHtml(view.text.posted)} <time datetime="${update.publishedAt.toISOString()}">${escapeHtml(formatPosted(update.publishedAt, view.zone, view.lang))}</time></p>
</li>`;
}

/**
 * Statuspage's "This incident affected" line: components named under their group, e.g.
 * `Take Blip Platform (CRM, Core)`, in page order; a name no longer on the page is still listed.
 */
export function affectedLine(incident: Pick<PublicIncident, 'components'>, view: Pick<IncidentView, 'lang' | 'layout'>): string {
  const affected = new Set(incident.components);
  const parts: string[] = [];
  for (const entry of view.layout) {
    if (entry.kind === 'component') {
      if (affected.delete(entry.component.name)) parts.push(entry.component.name);
      continue;
    }
    const members = entry.members.filter((member) => affected.delete(member.name)).map((member) => member.name);
    if (members.length > 0) parts.push(`${entry.name} (${members.join(', ')})`);
  }
  parts.push(...affected);
  return new Intl.ListFormat(view.lang, { type: 'conjunction' }).format(parts);
}
