import type PQueue from 'p-queue';
import { incidentId } from '../../domain/incident.ts';
import { PermanentDeliveryError, RetryLaterError } from '../../delivery/target.ts';
import type { ChannelPoster } from '../../delivery/targets/customer-channel.ts';
import { Language } from '../../i18n/languages.ts';
import { type ConnectorClient, ConnectorError } from './connector-client.ts';
import { customerParentHtml, customerUpdateHtml } from './customer-post.ts';

/**
 * Teams allows a bot 7 messages a second in one conversation but only 60 in 30 seconds: calls to
 * one channel are kept at least this far apart, which holds both.
 */
export const perConversationSpacingMs = 500;

/** What a 429 without Retry-After waits: the per-conversation window Teams counts in. */
const defaultRateLimitWaitMs = 2000;

export interface TeamsPosterOptions {
  connector: ConnectorClient;
  /** Paces calls across the tenant (Teams allows a bot 50 requests a second per tenant). */
  pace: PQueue;
  /** The Bot Connector of channels subscribed before their address was kept. */
  defaultServiceUrl: string;
  defaultTenantId: string;
  components: () => { group: string | null; name: string }[];
  publicBaseUrl: () => string;
}

/**
 * Posts a publication to a Teams customer channel: the incident's first update is a new post in
 * the channel, later ones are replies in its thread, and the post is edited to show the current status.
 *
 * Once only: Teams gives the id of a post after it is made (a sender cannot choose it), and a bot
 * can read no channel's messages through the Bot Connector. So unlike Slack, a retry cannot look for
 * what an earlier attempt posted; what was created is recorded the moment Teams answers, and only a
 * crash in between (or an answer lost on the network) can show one update twice.
 */
export function teamsChannelPoster(options: TeamsPosterOptions): ChannelPoster {
  const { connector } = options;
  const lastCall = new Map<string, number>();

  /** One call to a channel, after the tenant-wide pace and at least the spacing since the last one there. */
  function call<T>(channel: string, work: () => Promise<T>): Promise<T> {
    return options.pace.add(async () => {
      const wait = (lastCall.get(channel) ?? -Infinity) + perConversationSpacingMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return await work();
      } finally {
        lastCall.set(channel, performance.now());
      }
    });
  }

  return {
    async post({ delivery, subscription, thread, incident, update }, record) {
      const lang = Language.parse(subscription.language);
      const zone = subscription.timeZone;
      const serviceUrl = subscription.serviceUrl ?? options.defaultServiceUrl;
      const tenantId = subscription.tenantId ?? options.defaultTenantId;
      const channel = subscription.channelId;
      const id = incidentId(incident.id);
      const latest = customerUpdateHtml({ incidentId: id, title: incident.title, ...update }, lang, zone);
      const parent = customerParentHtml(
        {
          incidentId: id,
          title: incident.title,
          status: update.status,
          components: incident.components.map((c) => c.componentName),
          componentGroups: options.components(),
          updatedAt: update.publishedAt,
          statusPageUrl: options.publicBaseUrl(),
        },
        lang,
        zone,
      );
      const parentWithLatest = { text: `${parent}<hr>${latest}` };
      try {
        if (!thread) {
          const started = await call(channel, () => connector.startThread(serviceUrl, channel, tenantId, parentWithLatest));
          await record.recordThread(subscription.id, incident.id, started.activityId);
          await record.recordExternalId(delivery.id, started.activityId);
          return;
        }
        if (!delivery.externalId) {
          const replied = await call(channel, () => connector.post(serviceUrl, `${channel};messageid=${thread.parentMessageId}`, { text: latest }));
          await record.recordExternalId(delivery.id, replied);
        }
        await call(channel, () => connector.update(serviceUrl, channel, thread.parentMessageId, parentWithLatest));
      } catch (error) {
        if (!(error instanceof ConnectorError)) throw error;
        const where = subscription.channelName;
        // 403: the bot was removed from the team or blocked; 404: the channel or team is gone.
        if (error.status === 403 || error.status === 404) throw new PermanentDeliveryError(`${where}: ${error.status === 403 ? 'crisisroom was removed from the team or may not post there' : 'the channel no longer exists'} (${error.status}${error.code ? ` ${error.code}` : ''})`);
        if (error.status === 429) throw new RetryLaterError(`${where}: rate limited by Teams`, error.retryAfterMs ?? defaultRateLimitWaitMs);
        throw new Error(`${where}: ${error.message}`);
      }
    },
  };
}
