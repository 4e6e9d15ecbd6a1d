import type { Language } from '../../i18n/languages.ts';
import { messages } from '../../i18n/messages.ts';
import { formatPosted } from '../../time/format.ts';
import { type CustomerIncidentView, type CustomerReportView, type CustomerUpdateView, affectedComponents } from '../../domain/customer-update.ts';
import { teamsHtml } from './text.ts';

/** An address for an href: only http(s), with the characters that could close the attribute escaped. */
const href = (url: string) => (/^https?:\/\//i.test(url) ? teamsHtml(url) : '#');

/**
 * The post a customer channel gets for an incident, edited as the incident moves on. Times are
 * written out in the channel's zone with their offset, the same instant for every reader.
 */
export function customerParentHtml(view: CustomerIncidentView, lang: Language, zone: string): string {
  const words = messages(lang);
  const affected = affectedComponents(view.components, lang, view.componentGroups);
  return [
    `<b>${teamsHtml(view.title)}</b>`,
    `<b>${words.incidentStatus[view.status]}</b>`,
    ...(affected ? [`${words.thisIncidentAffected}: ${teamsHtml(affected)}`] : []),
    `${words.updated} ${formatPosted(view.updatedAt, zone, lang)} · <a href="${href(view.statusPageUrl)}">${words.viewStatusPage}</a>`,
  ].join('<br>');
}

/** One public update, as a reply in the incident's thread (and under a line in the post itself). */
export function customerUpdateHtml(update: CustomerUpdateView, lang: Language, zone: string): string {
  const words = messages(lang);
  const changes = update.componentChanges.map((c) => `• ${teamsHtml(c.name)}: ${words.componentState[c.oldState]} → ${words.componentState[c.newState]}`);
  return [
    `<b>${words.incidentStatus[update.status]}</b> - ${teamsHtml(update.body)}`,
    ...(changes.length > 0 ? [`<b>${words.componentChanges}</b>`, ...changes] : []),
    `${words.posted} ${formatPosted(update.publishedAt, zone, lang)}`,
  ].join('<br>');
}

/**
 * An incident report's short post: what happened, in the channel's language where the report has it,
 * and the link to all of it; the title leads where the post starts a thread of its own.
 */
export function customerReportHtml(report: CustomerReportView, lang: Language, zone: string, options: { titled: boolean }): string {
  const words = messages(lang);
  return [
    ...(options.titled ? [`<b>${teamsHtml(report.title)}</b>`] : []),
    `<b>${words.incidentReport}</b> - ${teamsHtml(report.excerpt)}`,
    `${words.posted} ${formatPosted(report.publishedAt, zone, lang)} · <a href="${href(report.reportUrl)}">${words.readReport}</a>`,
  ].join('<br>');
}
