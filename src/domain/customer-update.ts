import type { ComponentState } from './component.ts';
import type { IncidentStatus } from './incident.ts';
import type { Language } from '../i18n/languages.ts';

/** What a customer channel's post of an incident shows, whatever the platform. */
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

/**
 * An incident report as a customer channel is told of it: a short post with its first section in
 * the channel's language (else the page's default one) and the link to read it whole.
 */
export interface CustomerReportView {
  incidentId: string;
  title: string;
  excerpt: string;
  /** The report on the status page, in the language of the excerpt. */
  reportUrl: string;
  publishedAt: Date;
}

/** One public update as a customer channel, feed reader or subscriber gets it. */
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
