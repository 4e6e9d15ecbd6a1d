import { incidentId } from '../../domain/incident.ts';
import { Language } from '../../i18n/languages.ts';
import type { ChannelDelivery } from '../../delivery/targets/customer-channel.ts';
import type { CustomerIncidentView, CustomerUpdateView } from '../../domain/customer-update.ts';

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
