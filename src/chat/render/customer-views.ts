import { incidentId } from '../../domain/incident.ts';
import { Language } from '../../i18n/languages.ts';
import type { ChannelDelivery } from '../../delivery/targets/customer-channel.ts';
import type { CustomerIncidentView, CustomerReportView, CustomerUpdateView } from '../../domain/customer-update.ts';
import { reportSections, versionFor } from '../../domain/report.ts';

/**
 * What a customer channel is shown of an incident and one of its updates, in the channel's language
 * and zone, whichever platform draws it: the post (the incident now) and the update itself.
 */
export function customerViews(
  { subscription, incident, update }: Pick<ChannelDelivery, 'subscription' | 'incident' | 'update'>,
  page: { components: { group: string | null; name: string }[]; statusPageUrl: string },
): { lang: Language; zone: string; incident: CustomerIncidentView; update: CustomerUpdateView } {
  const id = incidentId(incident.id);
  return {
    lang: Language.parse(subscription.language),
    zone: subscription.timeZone,
    incident: {
      incidentId: id,
      title: incident.title,
      status: update.status,
      components: incident.components.map((c) => c.componentName),
      componentGroups: page.components,
      updatedAt: update.publishedAt,
      statusPageUrl: page.statusPageUrl,
    },
    update: { incidentId: id, title: incident.title, ...update },
  };
}

/**
 * What a customer channel is told of an incident report: what happened (else the first section the
 * report has), in the channel's language where the report has it, and the link to the whole of it.
 */
export function customerReportView(
  { subscription, incident, update, report }: Pick<ChannelDelivery, 'subscription' | 'incident' | 'update' | 'report'>,
  page: { statusPageUrl: string },
): CustomerReportView {
  const wanted = Language.parse(subscription.language);
  const version = versionFor(report ?? {}, wanted, Object.keys(report ?? {}) as Language[]);
  const sections = version?.sections ?? {};
  const excerpt = sections.happened ?? reportSections.map((section) => sections[section]).find(Boolean) ?? update.body;
  const id = incidentId(incident.id);
  const lang = version?.lang ?? wanted;
  return {
    incidentId: id,
    title: incident.title,
    excerpt,
    reportUrl: `${page.statusPageUrl}/incidents/${id}?lang=${encodeURIComponent(lang)}#report`,
    publishedAt: update.publishedAt,
  };
}
