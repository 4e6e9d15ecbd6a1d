import { setTimeout as sleep } from 'node:timers/promises';
import type { Pace } from '../pace.ts';
import { PermanentDeliveryError, RetryLaterError } from '../../delivery/target.ts';
import type { ChannelDelivery, ChannelPoster } from '../../delivery/targets/customer-channel.ts';
import type { Log } from '../../log.ts';
import { type ConnectorClient, ConnectorError } from './connector-client.ts';
import { customerReportView, customerViews } from '../render/customer-views.ts';
import { customerParentHtml, customerReportHtml, customerUpdateHtml } from './customer-post.ts';
import { type GraphClient, GraphError } from './graph.ts';
import { findPostedUpdate } from './posted-updates.ts';

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
  pace: Pace;
  /** The Bot Connector of channels subscribed before their address was kept. */
  defaultServiceUrl: string;
  defaultTenantId: string;
  components: () => { group: string | null; name: string }[];
  publicBaseUrl: () => string;
  /** Reading channels through Graph, for a retry to find what an earlier attempt posted. */
  lookup?: { graph: GraphClient; appId: string; log: Log };
}

/**
 * Posts a publication to a Teams customer channel: the incident's first update is a new post in
 * the channel, later ones are replies in its thread; the post is edited to show the current status
 * by its own delivery (`editParent`).
 *
 * Once only: Teams gives the id of a post after it is made (a sender cannot choose it), and the Bot
 * Connector reads no channel. So a retry, which cannot know whether an earlier attempt's post was
 * stored, reads the channel through Graph (ChannelMessage.Read.Group) and takes a post of its own
 * with the same text as that attempt's. Where Graph may not read the channel (a team in another
 * tenant, a subscription from before team ids were kept, no consent), the retry posts, and a crash
 * between Teams storing a post and crisisroom recording it can show that update twice.
 */
export function teamsChannelPoster(options: TeamsPosterOptions): ChannelPoster {
  const { connector } = options;
  const lastCall = new Map<string, number>();

  /** Each channel's calls in a chain, so that one waits for the last there to end before its spacing starts. */
  const chains = new Map<string, Promise<unknown>>();

  /**
   * One call to a channel, after the tenant-wide pace and at least the spacing since the last one
   * there. The spacing is waited out before the call takes its turn in the pace: a turn is never
   * spent waiting for one channel, and no call goes out late, after turns taken since, which would
   * bunch the tenant's calls. Higher `priority` goes first: a retry, whose channel has waited
   * already, before first posts, and those before edits, which nobody waits for.
   */
  function call<T>(channel: string, priority: number, work: () => Promise<T>): Promise<T> {
    const called = (chains.get(channel) ?? Promise.resolve()).then(async () => {
      const wait = (lastCall.get(channel) ?? -Infinity) + perConversationSpacingMs - performance.now();
      if (wait > 0) await sleep(wait);
      return options.pace.add(() => work().finally(() => lastCall.set(channel, performance.now())), { priority });
    });
    const chain = called.catch(() => undefined);
    chains.set(channel, chain);
    void chain.then(() => chains.get(channel) === chain && chains.delete(channel));
    return called;
  }

  /** An earlier attempt's post of `html`, if Graph may read the channel and finds one. */
  async function earlier(subscription: ChannelDelivery['subscription'], html: string, since: Date, threadId?: string): Promise<string | undefined> {
    const { lookup } = options;
    const tenant = subscription.tenantId ?? options.defaultTenantId;
    // Graph reads a channel only with a token from the tenant that owns it: crisisroom has its own tenant's.
    if (!lookup || !subscription.teamGroupId || tenant !== options.defaultTenantId) return undefined;
    try {
      return await findPostedUpdate(lookup.graph, {
        teamId: subscription.teamGroupId,
        channelId: subscription.channelId,
        html,
        since,
        appId: lookup.appId,
        ...(threadId ? { threadId } : {}),
      });
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      if (error.status === 429 || error.status >= 500)
        throw new RetryLaterError(`${subscription.channelName}: looking for an earlier post: ${error.message}`, error.retryAfterMs ?? defaultRateLimitWaitMs);
      lookup.log(
        `teams: could not read ${subscription.channelName} for an earlier attempt's post (${error.status} ${error.code}); posting again, which may show the update twice`,
      );
      return undefined;
    }
  }

  function render(delivery: Pick<ChannelDelivery, 'subscription' | 'incident' | 'update'>) {
    const views = customerViews(delivery, { components: options.components(), statusPageUrl: options.publicBaseUrl() });
    const latest = customerUpdateHtml(views.update, views.lang, views.zone);
    return {
      latest,
      parentWithLatest: { text: `${customerParentHtml(views.incident, views.lang, views.zone)}<hr>${latest}` },
      lang: views.lang,
      zone: views.zone,
    };
  }

  /** A failed Bot Connector call, as the delivery worker takes it. */
  function deliveryError(error: unknown, where: string): unknown {
    if (!(error instanceof ConnectorError)) return error;
    // 403: the bot was removed from the team or blocked; 404: the channel or team is gone.
    if (error.status === 403 || error.status === 404)
      return new PermanentDeliveryError(
        `${where}: ${error.status === 403 ? 'crisisroom was removed from the team or may not post there' : 'the channel no longer exists'} (${error.status}${error.code ? ` ${error.code}` : ''})`,
      );
    if (error.status === 429) return new RetryLaterError(`${where}: rate limited by Teams`, error.retryAfterMs ?? defaultRateLimitWaitMs);
    return new Error(`${where}: ${error.message}`);
  }

  const priorityOf = (attempts: number) => (attempts > 0 ? 1 : 0);
  const editPriority = -1;
  const serviceUrlOf = (subscription: ChannelDelivery['subscription']) => subscription.serviceUrl ?? options.defaultServiceUrl;

  return {
    async post({ delivery, subscription, thread, incident, update, report, attempts }, record) {
      const tenantId = subscription.tenantId ?? options.defaultTenantId;
      const channel = subscription.channelId;
      const { latest, parentWithLatest, lang, zone } = render({ subscription, incident, update });
      try {
        // A report is told in a short post of its own: in the incident's thread where the channel has one, else as a post of its own.
        if (report) {
          if (delivery.externalId) return 'already-delivered';
          const view = customerReportView({ subscription, incident, update, report }, { statusPageUrl: options.publicBaseUrl() });
          const text = customerReportHtml(view, lang, zone, { titled: !thread });
          const found = attempts > 0 ? await earlier(subscription, text, update.publishedAt, thread?.parentMessageId) : undefined;
          const posted =
            found ??
            (thread
              ? await call(channel, priorityOf(attempts), () =>
                  connector.post(serviceUrlOf(subscription), `${channel};messageid=${thread.parentMessageId}`, { text }),
                )
              : (await call(channel, priorityOf(attempts), () => connector.startThread(serviceUrlOf(subscription), channel, tenantId, { text }))).activityId);
          await record.recordExternalId(delivery.id, posted);
          return found ? 'already-delivered' : undefined;
        }
        // Only a retry can find its own post: the first attempt knows nothing was posted.
        if (!thread) {
          // The post's id is recorded before its thread, so a crash between the two leaves what is needed to finish.
          const found = delivery.externalId ?? (attempts > 0 ? await earlier(subscription, parentWithLatest.text, update.publishedAt) : undefined);
          const activityId =
            found ??
            (await call(channel, priorityOf(attempts), () => connector.startThread(serviceUrlOf(subscription), channel, tenantId, parentWithLatest)))
              .activityId;
          await record.recordExternalId(delivery.id, activityId);
          await record.recordThread(subscription.id, incident.id, activityId, delivery.publicationId);
          return found ? 'already-delivered' : undefined;
        }
        // Recorded before a crash: the reply is there.
        if (delivery.externalId) return 'already-delivered';
        const found = attempts > 0 ? await earlier(subscription, latest, update.publishedAt, thread.parentMessageId) : undefined;
        const replied =
          found ??
          (await call(channel, priorityOf(attempts), () =>
            connector.post(serviceUrlOf(subscription), `${channel};messageid=${thread.parentMessageId}`, { text: latest }),
          ));
        await record.recordExternalId(delivery.id, replied);
        return found ? 'already-delivered' : undefined;
      } catch (error) {
        throw deliveryError(error, subscription.channelName);
      }
    },

    async editParent({ subscription, thread, incident, update }) {
      try {
        await call(subscription.channelId, editPriority, () =>
          connector.update(
            serviceUrlOf(subscription),
            subscription.channelId,
            thread.parentMessageId,
            render({ subscription, incident, update }).parentWithLatest,
          ),
        );
      } catch (error) {
        throw deliveryError(error, subscription.channelName);
      }
    },
  };
}
