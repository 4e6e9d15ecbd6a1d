import type { KnownBlock } from '@slack/types';
import type { ComponentState } from '../../../domain/component.ts';
import type { IncidentStatus } from '../../../domain/incident.ts';
import type { Language } from '../../../i18n/languages.ts';
import { messages } from '../../../i18n/messages.ts';
import { formatPosted } from '../../../time/format.ts';
import { context, message, splitSections, titleBlock, type SlackMessage } from './limits.ts';
import { escapeLine, escapeMrkdwn, link } from './mrkdwn.ts';

export interface CustomerIncidentView {
  incidentId: string;
  title: string;
  status: IncidentStatus;
  components: string[];
  /** The page's components in page order, so affected ones are named under their group as on the page. */
  componentGroups?: { group: string | null; name: string }[];
  updatedAt: Date;
  statusPageUrl: string;
}

export interface CustomerUpdateView {
  incidentId: string;
  title: string;
  status: IncidentStatus;
  body: string;
  publishedAt: Date;
  componentChanges: { name: string; oldState: ComponentState; newState: ComponentState }[];
}

/**
 * Statuspage's "This incident affected" wording: `Take Blip Platform (CRM, Core) and Billing`, groups
 * where the page has them, in page order; a component the page no longer lists is still named.
 */
export function affectedComponents(components: readonly string[], lang: Language, layout: CustomerIncidentView['componentGroups'] = []): string {
  const affected = new Set(components);
  const entries: { name: string; members?: string[] }[] = [];
  const groups = new Map<string, string[]>();
  for (const { group, name } of layout) {
    if (!affected.delete(name)) continue;
    if (group === null) {
      entries.push({ name });
      continue;
    }
    let members = groups.get(group);
    if (!members) {
      members = [];
      groups.set(group, members);
      entries.push({ name: group, members });
    }
    members.push(name);
  }
  const named = entries.map((entry) => (entry.members ? `${entry.name} (${entry.members.join(', ')})` : entry.name));
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format([...named, ...affected]);
}

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
