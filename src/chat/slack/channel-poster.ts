import type { WebClient } from '@slack/web-api';
import { incidentId } from '../../domain/incident.ts';
import { PermanentDeliveryError } from '../../delivery/target.ts';
import type { ChannelPoster } from '../../delivery/targets/customer-channel.ts';
import { Language } from '../../i18n/languages.ts';
import { customerParentMessage, customerUpdateMessage } from './blocks/customer-post.ts';
import { message } from './blocks/limits.ts';
import { slackError } from './crisis-room.ts';

/** Slack errors that no retry can fix: the delivery to that channel stops, the others go on. */
const permanent = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'invalid_auth', 'account_inactive', 'token_revoked', 'missing_scope', 'restricted_action']);


/**
 * Posts a publication to a customer channel: the incident's first update is the parent message,
 * later ones are replies in its thread, and the parent is edited to show the current status.
 * What each step created is recorded at once, so a retry continues instead of posting again.
 */
export function slackChannelPoster(client: WebClient, components: () => { group: string | null; name: string }[], publicBaseUrl: () => string): ChannelPoster {
  return {
    async post({ delivery, subscription, thread, incident, update }, record) {
      const lang = Language.parse(subscription.language);
      const zone = subscription.timeZone;
      const id = incidentId(incident.id);
      const updateView = { incidentId: id, title: incident.title, ...update };
      const parentView = {
        incidentId: id,
        title: incident.title,
        status: update.status,
        components: incident.components.map((c) => c.componentName),
        componentGroups: components(),
        updatedAt: update.publishedAt,
        statusPageUrl: publicBaseUrl(),
      };
      const parent = customerParentMessage(parentView, lang, zone);
      const latest = customerUpdateMessage(updateView, lang, zone);
      const parentWithLatest = message(parent.text, [...parent.blocks, { type: 'divider' }, ...latest.blocks]);
      const common = { channel: subscription.channelId, unfurl_links: false, unfurl_media: false };
      try {
        if (!thread) {
          const posted = await client.chat.postMessage({ ...common, ...parentWithLatest, metadata: { event_type: 'crisisroom_update', event_payload: { key: delivery.idempotencyKey } } });
          await record.recordThread(subscription.id, incident.id, posted.ts!);
          await record.recordExternalId(delivery.id, posted.ts!);
          return;
        }
        if (!delivery.externalId) {
          const reply = await client.chat.postMessage({ ...common, ...latest, thread_ts: thread.parentMessageId, metadata: { event_type: 'crisisroom_update', event_payload: { key: delivery.idempotencyKey } } });
          await record.recordExternalId(delivery.id, reply.ts!);
        }
        await client.chat.update({ channel: subscription.channelId, ts: thread.parentMessageId, ...parentWithLatest });
      } catch (error) {
        const code = slackError(error);
        if (code && permanent.has(code)) throw new PermanentDeliveryError(`#${subscription.channelName}: ${code.replaceAll('_', ' ')}`);
        throw error;
      }
    },
  };
}
