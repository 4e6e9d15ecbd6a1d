import { setTimeout as sleep } from 'node:timers/promises';
import type { WebClient } from '@slack/web-api';
import type { Pace } from '../pace.ts';
import { PermanentDeliveryError, RetryLaterError } from '../../delivery/target.ts';
import type { ChannelDelivery, ChannelPoster } from '../../delivery/targets/customer-channel.ts';
import type { Turns } from '../../delivery/turns.ts';
import { customerReportView, customerViews } from '../render/customer-views.ts';
import { customerParentMessage, customerReportMessage, customerUpdateMessage } from './blocks/customer-post.ts';
import { message } from './blocks/limits.ts';
import { refusedForGood, slackError, slackRetryAfterMs } from './slack-errors.ts';
import { findPostedUpdate, metadataOf } from './posted-updates.ts';
import { errorMessage } from '../../domain/errors.ts';

/** Slack errors that no retry can fix: the delivery to that channel stops, the others go on. */
const permanent = new Set(refusedForGood);

/** Slack allows one post per second in a channel. */
const perChannelSpacingMs = 1000;

/** A turn this close is waited for in place; a later one frees the worker and comes back. */
const inlineTurnMs = 1500;

/** Whether a call was given up for taking too long: Slack may still be working on it. */
const timedOut = (error: unknown) => (error as { original?: { name?: unknown } } | null)?.original?.name === 'TimeoutError';

/**
 * A failed Slack call, as the delivery worker takes it. A delivery's first failure is looked into
 * at once when Slack is done with the call (it answered, or the connection broke): the retry finds
 * the post if Slack kept it and only the answer was lost, and otherwise posts in the channel's next
 * turn, which `call` waits for. A call that timed out may still be under way, so its retry looks a
 * second later, as failures after the first do (with the work loop's backoff).
 */
function deliveryError(error: unknown, channelName: string, firstFailure: boolean): Error {
  const code = slackError(error);
  if (code && permanent.has(code)) return new PermanentDeliveryError(`#${channelName}: ${code.replaceAll('_', ' ')}`);
  const wait = slackRetryAfterMs(error);
  if (wait !== undefined) return new RetryLaterError(`#${channelName}: rate limited by Slack`, wait);
  if (firstFailure && !timedOut(error)) return new RetryLaterError(`#${channelName}: ${errorMessage(error)}`, 0, { exact: true });
  // Slack counts even a failed post against the channel's one post per second: a sooner retry would be refused.
  return new RetryLaterError(`#${channelName}: ${errorMessage(error)}`, perChannelSpacingMs);
}

export interface SlackPosterOptions {
  client: WebClient;
  /** Spaces posts under the workspace's rate for chat.postMessage. */
  pace: Pace;
  /** Spaces edits of the channels' parent messages under chat.update's far lower rate (Tier 3). */
  editTurns: Turns;
  components: () => { group: string | null; name: string }[];
  publicBaseUrl: () => string;
}

/**
 * Posts a publication to a customer channel: the incident's first update is the parent message,
 * later ones are replies in its thread. The parent is edited to show the current status by its own
 * delivery (`editParent`), in turns Slack's rate for chat.update allows, so no reply waits for it.
 *
 * The client given here makes no retries of its own: a post whose response was lost must not be
 * repeated blindly. The delivery worker retries instead, and a retry first looks in the channel for
 * the message carrying the delivery's key (message metadata) before posting again. What each step
 * created is recorded at once, so a retry continues instead of starting over.
 */
export function slackChannelPoster(options: SlackPosterOptions): ChannelPoster {
  const { client, pace, editTurns } = options;
  // Within the workspace's pace, and one post a second in a channel: two updates approved in a row
  // wait, unrefused. Spaced from the answer: Slack counted the post when it arrived, before it
  // answered, so a full second from the answer is a full second in Slack's count, with no margin.
  // A retry goes before first posts: its channel has waited its second already, and the last
  // retries are what the end of a fan-out waits for.
  const lastPost = new Map<string, number>();
  const call = async <T>(channel: string, retry: boolean, work: () => Promise<T>) => {
    const wait = (lastPost.get(channel) ?? -Infinity) + perChannelSpacingMs - performance.now();
    if (wait > 0) await sleep(wait);
    return pace.add(() => work().finally(() => lastPost.set(channel, performance.now())), { priority: retry ? 1 : 0 });
  };

  function render(delivery: Pick<ChannelDelivery, 'subscription' | 'incident' | 'update'>) {
    const views = customerViews(delivery, { components: options.components(), statusPageUrl: options.publicBaseUrl() });
    const parent = customerParentMessage(views.incident, views.lang, views.zone);
    const latest = customerUpdateMessage(views.update, views.lang, views.zone);
    return {
      latest,
      parentWithLatest: message(parent.text, [...parent.blocks, { type: 'divider' }, ...latest.blocks]),
      lang: views.lang,
      zone: views.zone,
    };
  }

  return {
    async post({ delivery, subscription, thread, incident, update, report, attempts }, record) {
      const { latest, parentWithLatest, lang, zone } = render({ subscription, incident, update });
      const common = { channel: subscription.channelId, unfurl_links: false, unfurl_media: false };
      const key = delivery.idempotencyKey;
      // Only a retry can find its own message: the first attempt knows nothing was posted. Reading
      // history has its own rate limit, apart from posting's, so it is not paced with the posts.
      const earlier = (threadTs?: string) =>
        attempts > 0
          ? findPostedUpdate(client, { channel: subscription.channelId, key, since: update.publishedAt, ...(threadTs ? { threadTs } : {}) })
          : Promise.resolve(undefined);
      try {
        if (!thread && !report) {
          // The post's ts is recorded before its thread, so a crash between the two leaves what is needed to finish.
          const found = delivery.externalId ?? (await earlier());
          const ts =
            found ??
            (await call(subscription.channelId, attempts > 0, () => client.chat.postMessage({ ...common, ...parentWithLatest, metadata: metadataOf(key) })))
              .ts!;
          await record.recordExternalId(delivery.id, ts);
          await record.recordThread(subscription.id, incident.id, ts, delivery.publicationId);
          return found ? 'already-delivered' : undefined;
        }
        // Recorded before a crash: the reply is there.
        if (delivery.externalId) return 'already-delivered';
        // A report is told in a short post of its own: in the incident's thread where the channel has one, else on its own.
        const reply = report
          ? customerReportMessage(customerReportView({ subscription, incident, update, report }, { statusPageUrl: options.publicBaseUrl() }), lang, zone)
          : latest;
        const threadTs = thread?.parentMessageId;
        const found = await earlier(threadTs);
        const ts =
          found ??
          (
            await call(subscription.channelId, attempts > 0, () =>
              client.chat.postMessage({ ...common, ...reply, ...(threadTs ? { thread_ts: threadTs } : {}), metadata: metadataOf(key) }),
            )
          ).ts!;
        await record.recordExternalId(delivery.id, ts);
        return found ? 'already-delivered' : undefined;
      } catch (error) {
        throw deliveryError(error, subscription.channelName, attempts === 0);
      }
    },

    async editParent({ delivery, subscription, thread, incident, update }) {
      const wait = editTurns.waitFor(delivery.id);
      if (wait > inlineTurnMs)
        throw new RetryLaterError(`#${subscription.channelName}: its post is edited in its turn (Slack allows chat.update about 50 times a minute)`, wait);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      editTurns.used(delivery.id);
      try {
        await client.chat.update({
          channel: subscription.channelId,
          ts: thread.parentMessageId,
          ...render({ subscription, incident, update }).parentWithLatest,
        });
      } catch (error) {
        throw deliveryError(error, subscription.channelName, false);
      }
    },
  };
}
