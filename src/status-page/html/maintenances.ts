import type { Language } from '../../i18n/languages.ts';
import { messages, type Messages } from '../../i18n/messages.ts';
import { formatPosted, formatTimeOfDay, sameDayIn } from '../../time/format.ts';
import { layoutComponents, type PageEntry } from '../../domain/public-page/component-groups.ts';
import { activeMaintenances, upcomingMaintenances } from '../../domain/public-page/page-status.ts';
import type { PublicMaintenance, PublicSnapshot } from '../../domain/public-page/snapshot.ts';
import { escapeHtml } from './escape.ts';
import { stateIcon } from './icons.ts';
import { affectedLine } from './incidents.ts';

export interface MaintenanceView {
  lang: Language;
  /** IANA zone the visitor reads times in. */
  zone: string;
}

/**
 * The maintenance the page announces: a "Maintenance in progress" section, then a "Scheduled
 * maintenance" one, each only when it has something to show (so nothing at all when there is none).
 */
export function renderMaintenances(snapshot: PublicSnapshot, view: MaintenanceView): string {
  const text = messages(view.lang);
  const layout = layoutComponents(snapshot.components);
  const sections = [
    { id: 'maintenance-in-progress', title: text.maintenanceInProgress, list: activeMaintenances(snapshot) },
    { id: 'scheduled-maintenance', title: text.scheduledMaintenance, list: upcomingMaintenances(snapshot) },
  ];
  return sections
    .filter((section) => section.list.length > 0)
    .map(
      (section) => `<section class="incidents maintenances ${section.id}" aria-labelledby="${section.id}-title">
<h2 id="${section.id}-title">${escapeHtml(section.title)}</h2>
${section.list.map((maintenance) => renderMaintenance(maintenance, view, text, layout)).join('\n')}
</section>`,
    )
    .join('\n');
}

function renderMaintenance(maintenance: PublicMaintenance, view: MaintenanceView, text: Messages, layout: readonly PageEntry[]): string {
  const affected = affectedLine(maintenance, { lang: view.lang, layout });
  return `<article class="incident maintenance impact-maintenance" id="${escapeHtml(maintenance.id)}">
<h3 class="incident-title">${escapeHtml(maintenance.title)}</h3>
<p class="incident-meta"><span class="badge badge-maintenance">${stateIcon('under_maintenance')}${escapeHtml(text.maintenanceStatus[maintenance.status])}</span></p>
<p class="maintenance-window">${windowMarkup(maintenance, view)}</p>
${affected ? `<p class="affected">${escapeHtml(text.affectedComponents)}: ${escapeHtml(affected)}</p>` : ''}
</article>`;
}

/** `Dec 1, 2026 - 02:00 GMT-03:00 → 04:00 GMT-03:00`; the end keeps its date when it falls on another day. */
function windowMarkup({ scheduledFor: start, scheduledUntil: end }: PublicMaintenance, { lang, zone }: MaintenanceView): string {
  const endText = sameDayIn(start, end, zone) ? formatTimeOfDay(end, zone) : formatPosted(end, zone, lang);
  const time = (instant: Date, shown: string) => `<time datetime="${instant.toISOString()}">${escapeHtml(shown)}</time>`;
  return `${time(start, formatPosted(start, zone, lang))} → ${time(end, endText)}`;
}
