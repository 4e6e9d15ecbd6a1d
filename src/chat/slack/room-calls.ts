import { PermanentDeliveryError, RetryLaterError } from '../../delivery/target.ts';
import { errorMessage } from '../../domain/errors.ts';
import type { Pace } from '../pace.ts';
import { type RateWindow, createRateWindows } from '../rate-windows.ts';
import { refusedForGood, slackError, slackRetryAfterMs } from './slack-errors.ts';

/**
 * Slack's documented rate tiers for the methods a crisis room uses, in calls a minute per
 * workspace (Tier 2: 20, Tier 3: 50). chat.postMessage has its own rule: one a second per channel.
 */
const perMinute: Record<string, number> = {
  'conversations.create': 20,
  'conversations.list': 20,
  'conversations.setTopic': 20,
  'conversations.setPurpose': 20,
  'pins.add': 20,
  'conversations.invite': 50,
  'conversations.history': 50,
  'chat.update': 50,
};
const postsPerChannelPerSecond = 1;

/** Refusals that no retry can change: the work is given up, and said where people will see it. */
const permanent = new Set([...refusedForGood, 'no_permission', 'msg_too_long', 'invalid_blocks', 'message_not_found', 'cant_update_message']);

/** A wait this short is waited in place; a longer one frees the worker, which comes back in time. */
const inlineWaitMs = 1500;

/**
 * Calls to Slack for crisis-room work, spaced within Slack's limits so that crisisroom provokes
 * no rate limit it could have avoided: at most the tier's calls per method in any minute, one post
 * a second per channel, and posts within the workspace's rate, whose pace they share with customer
 * posts (ahead of them: people in the room are waiting). Every failure comes out as the work loop
 * takes it: permanent, to retry after Slack's Retry-After, or to retry after a backoff.
 */
export function createRoomCalls(posts: Pace) {
  const windows = createRateWindows();
  return function call<T>(method: string, channel: string | undefined, work: () => Promise<T>): Promise<T> {
    const limits: RateWindow[] = [];
    if (perMinute[method]) limits.push({ key: method, limit: perMinute[method], ms: 60_000 });
    if (method === 'chat.postMessage' && channel) limits.push({ key: `post:${channel}`, limit: postsPerChannelPerSecond, ms: 1000 });
    const tooLong = {
      longestWaitMs: inlineWaitMs,
      error: (wait: number) => new RetryLaterError(`${method} waits its turn: Slack allows it only so often`, wait),
    };
    const send = method === 'chat.postMessage' ? () => posts.add(work, { priority: 2 }) : work;
    return windows.run(limits, () => send().catch((error: unknown) => Promise.reject(roomError(method, error))), tooLong);
  };
}

export type RoomCall = ReturnType<typeof createRoomCalls>;

/** A failed Slack call as the work loop takes it. */
function roomError(method: string, error: unknown): Error {
  const code = slackError(error);
  if (code && permanent.has(code)) return new PermanentDeliveryError(`Slack refused ${method}: ${code.replaceAll('_', ' ')}`);
  const wait = slackRetryAfterMs(error);
  if (wait !== undefined) return new RetryLaterError(`Slack rate-limited ${method}`, wait);
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number') return new Error(`Slack answered HTTP ${status} to ${method}`);
  return new Error(`${method}: ${code ?? errorMessage(error)}`);
}
