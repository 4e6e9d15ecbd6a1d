import type { WebClient } from '@slack/web-api';
import type PQueue from 'p-queue';
import { incidentId } from '../../domain/incident.ts';
import { PermanentDeliveryError, RetryLaterError } from '../../delivery/target.ts';
import type { ChannelPoster } from '../../delivery/targets/customer-channel.ts';
import { Language } from '../../i18n/languages.ts';
import { customerParentMessage, customerUpdateMessage } from './blocks/customer-post.ts';
import { message } from './blocks/limits.ts';
import { slackError } from './crisis-room.ts';
import { findPostedUpdate } from './posted-updates.ts';
import { errorMessage } from '../../domain/errors.ts';

/** Slack errors that no retry can fix: the delivery to that channel stops, the others go on. */
const permanent = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'invalid_auth', 'account_inactive', 'token_revoked', 'missing_scope', 'restricted_action']);

/** Slack allows one post per second in a channel. */
const perChannelSpacingMs = 1000;

const metadataOf = (key: string) => ({ event_type: 'crisisroom_update', event_payload: { key } });

/** What a rate-limited Slack call said to wait, in ms, when it said (WebClient's rate-limited error). */
function retryAfterMs(error: unknown): number | undefined {
  const seconds = (error as { retryAfter?: unknown } | null)?.retryAfter;
  return typeof seconds === 'number' ? seconds * 1000 : undefined;
}

/**
 * Posts a publication to a customer channel: the incident's first update is the parent message,
 * later ones are replies in its thread, and the parent is edited to show the current status.
 *
 * The client given here makes no retries of its own: a post whose response was lost must not be
 * repeated blindly. The delivery worker retries instead, and a retry first looks in the channel for
 * the message carrying the delivery's key (message metadata) before posting again. What each step
 * created is recorded at once, so a retry continues instead of starting over. `pace` spaces the
 * posts to stay under the workspace's rate limit.
 */
export function slackChannelPoster(client: WebClient, pace: PQueue, components: () => { group: string | null; name: string }[], publicBaseUrl: () => string): ChannelPoster {
  const call = <T>(work: () => Promise<T>) => pace.add(work);
  return {
    async post({ delivery, subscription, thread, incident, update, attempts }, record) {
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
      const key = delivery.idempotencyKey;
      // Only a retry can find its own message: the first attempt knows nothing was posted. Reading
      // history has its own rate limit, apart from posting's, so it is not paced with the posts.
      const earlier = (threadTs?: string) =>
        attempts > 0 ? findPostedUpdate(client, { channel: subscription.channelId, key, since: update.publishedAt, ...(threadTs ? { threadTs } : {}) }) : Promise.resolve(undefined);
      try {
        if (!thread) {
          const found = await earlier();
          const ts = found ?? (await call(() => client.chat.postMessage({ ...common, ...parentWithLatest, metadata: metadataOf(key) }))).ts!;
          await record.recordThread(subscription.id, incident.id, ts);
          await record.recordExternalId(delivery.id, ts);
          return found ? 'already-delivered' : undefined;
        }
        let found: string | undefined;
        if (!delivery.externalId) {
          found = await earlier(thread.parentMessageId);
          const ts = found ?? (await call(() => client.chat.postMessage({ ...common, ...latest, thread_ts: thread.parentMessageId, metadata: metadataOf(key) }))).ts!;
          await record.recordExternalId(delivery.id, ts);
        }
        await call(() => client.chat.update({ channel: subscription.channelId, ts: thread.parentMessageId, ...parentWithLatest }));
        return found ? 'already-delivered' : undefined;
      } catch (error) {
        const code = slackError(error);
        if (code && permanent.has(code)) throw new PermanentDeliveryError(`#${subscription.channelName}: ${code.replaceAll('_', ' ')}`);
        const wait = retryAfterMs(error);
        if (wait !== undefined) throw new RetryLaterError(`#${subscription.channelName}: rate limited by Slack`, wait);
        // Slack counts even a failed post against the channel's one post per second: a sooner retry would be refused.
        throw new RetryLaterError(`#${subscription.channelName}: ${errorMessage(error)}`, perChannelSpacingMs);
      }
    },
  };
}
