import type { KnownBlock } from '@slack/types';
import { type CustomerIncidentView, type CustomerReportView, type CustomerUpdateView, affectedComponents } from '../../../domain/customer-update.ts';
import type { Language } from '../../../i18n/languages.ts';
import { messages } from '../../../i18n/messages.ts';
import { formatPosted } from '../../../time/format.ts';
import { context, message, splitSections, titleBlock, type SlackMessage } from './limits.ts';
import { escapeLine, escapeMrkdwn, link } from './mrkdwn.ts';

/**
 * The thread parent a customer channel gets for an incident, edited as the incident moves on.
 * Times are written out in the channel's zone with their offset, so every reader sees the same
 * instant whatever their own Slack settings.
 */
export function customerParentMessage(view: CustomerIncidentView, lang: Language, zone: string): SlackMessage {
  const words = messages(lang);
  const status = words.incidentStatus[view.status];
  const affected = affectedComponents(view.components, lang, view.componentGroups);
  const lines = [`*${status}*`, ...(affected ? [`${words.thisIncidentAffected}: ${escapeLine(affected)}`] : [])];
  const updated = `${words.updated} ${formatPosted(view.updatedAt, zone, lang)}`;
  const blocks: KnownBlock[] = [
    titleBlock(view.title),
    ...splitSections(lines.join('\n')),
    context(`${updated} · ${link(view.statusPageUrl, words.viewStatusPage)}`),
  ];
  return message(`${escapeLine(view.title)} - ${status}`, blocks);
}

/** One public update as a reply in the incident's thread, laid out as the status page shows it. */
export function customerUpdateMessage(update: CustomerUpdateView, lang: Language, zone: string): SlackMessage {
  const words = messages(lang);
  const status = words.incidentStatus[update.status];
  const posted = `${words.posted} ${formatPosted(update.publishedAt, zone, lang)}`;
  const changes = update.componentChanges.map(
    (change) => `• ${escapeLine(change.name)}: ${words.componentState[change.oldState]} → ${words.componentState[change.newState]}`,
  );
  const blocks: KnownBlock[] = [
    // The body ends its section, so formatting typed in it has none of our text to run into.
    ...splitSections(`*${status}* - ${escapeMrkdwn(update.body)}`),
    ...(changes.length > 0 ? splitSections(`*${words.componentChanges}*\n${changes.join('\n')}`) : []),
    context(posted),
  ];
  return message(`${escapeLine(update.title)}: ${status} - ${escapeMrkdwn(update.body)}\n${posted}`, blocks);
}

/** An incident report's short post: what happened, in the channel's language where the report has it, and the link to all of it. */
export function customerReportMessage(report: CustomerReportView, lang: Language, zone: string): SlackMessage {
  const words = messages(lang);
  const posted = `${words.posted} ${formatPosted(report.publishedAt, zone, lang)}`;
  const blocks: KnownBlock[] = [
    ...splitSections(`*${words.incidentReport}* - ${escapeMrkdwn(report.excerpt)}`),
    context(`${posted} · ${link(report.reportUrl, words.readReport)}`),
  ];
  return message(`${escapeLine(report.title)}: ${words.incidentReport} - ${escapeMrkdwn(report.excerpt)}\n${posted}`, blocks);
}
