import type { WebClient } from '@slack/web-api';
import { describe, expect, test } from 'vitest';
import { createPace } from '../../../src/chat/pace.ts';
import { slackChannelPoster } from '../../../src/chat/slack/channel-poster.ts';
import type { ChannelDelivery } from '../../../src/delivery/targets/customer-channel.ts';
import type { ChannelDeliveries } from '../../../src/db/stores/channel-deliveries.ts';
import { createTurns } from '../../../src/delivery/turns.ts';

/** A channel's first delivery, as the delivery target loads it, after `attempts` earlier ones. */
function delivery(id: number, channelId: string, attempts: number): ChannelDelivery {
  return {
    delivery: { id, publicationId: 1, idempotencyKey: `key-${id}`, externalId: null },
    subscription: { id, channelId, channelName: channelId, language: 'en', timeZone: 'UTC' },
    thread: null,
    incident: { id: 1, title: 'Cache disconnections', components: [] },
    update: { status: 'investigating', body: 'Looking into it.', publishedAt: new Date('2026-01-05T12:00:00Z'), componentChanges: [] },
    attempts,
  } as unknown as ChannelDelivery;
}

const record = { recordExternalId: async () => undefined, recordThread: async () => undefined } as unknown as ChannelDeliveries;

describe('Slack customer-channel poster', () => {
  test('a retry goes before the first posts already waiting for the workspace pace', async () => {
    const posted: string[] = [];
    const client = {
      chat: {
        postMessage: async (args: { channel: string }) => {
          posted.push(args.channel);
          return { ok: true, ts: `${posted.length}.0` };
        },
      },
      // The retry looks for its earlier post first, and finds none.
      conversations: { history: async () => ({ ok: true, messages: [] }) },
    } as unknown as WebClient;
    const pace = createPace(10);
    // The second's ten turns are taken: what is asked for now waits for the next, in its order.
    await Promise.all(Array.from({ length: 10 }, () => pace.add(async () => undefined)));
    const poster = slackChannelPoster({ client, pace, editTurns: createTurns(50), components: () => [], publicBaseUrl: () => 'https://status.example.com' });
    const firsts = [1, 2, 3].map((i) => poster.post(delivery(i, `C000${i}`, 0), record));
    const retry = poster.post(delivery(9, 'C0009', 1), record);
    await Promise.all([...firsts, retry]);
    expect(posted).toEqual(['C0009', 'C0001', 'C0002', 'C0003']);
  });
});

describe('Slack customer-channel poster: when a post fails', () => {
  const failingOnce = (failure: Error) => {
    const posted: string[] = [];
    const client = {
      chat: {
        postMessage: async (args: { channel: string }) => {
          if (posted.length === 0) {
            posted.push('failed');
            throw failure;
          }
          posted.push(args.channel);
          return { ok: true, ts: '2.0' };
        },
      },
      conversations: { history: async () => ({ ok: true, messages: [] }) },
    } as unknown as WebClient;
    const poster = slackChannelPoster({
      client,
      pace: createPace(50),
      editTurns: createTurns(50),
      components: () => [],
      publicBaseUrl: () => 'https://status.example.com',
    });
    return { poster, posted };
  };

  test('the first failure is looked into at once, and the post that follows waits for the channel to have had its second', async () => {
    const { poster, posted } = failingOnce(Object.assign(new Error('A request error occurred: fetch failed'), { code: 'slack_webapi_request_error' }));
    const first = await poster.post(delivery(1, 'C0001', 0), record).catch((error: unknown) => error);
    expect(first).toMatchObject({ name: 'RetryLaterError', retryAfterMs: 0, exact: true, message: '#C0001: A request error occurred: fetch failed' });

    const retried = performance.now();
    await poster.post(delivery(1, 'C0001', 1), record);
    // Slack counted the failed post against the channel's one a second.
    expect(performance.now() - retried).toBeGreaterThanOrEqual(900);
    expect(posted).toEqual(['failed', 'C0001']);
  });

  test("a later failure waits for the channel's second before coming back", async () => {
    const { poster } = failingOnce(new Error('An HTTP protocol error occurred: statusCode = 500'));
    const later = await poster.post(delivery(1, 'C0001', 1), record).catch((error: unknown) => error);
    expect(later).toMatchObject({ name: 'RetryLaterError', retryAfterMs: 1000, exact: false });
  });

  test('a post that timed out is looked for a second later: Slack may still be making it', async () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const { poster } = failingOnce(
      Object.assign(new Error(`A request error occurred: ${timeout.message}`), { code: 'slack_webapi_request_error', original: timeout }),
    );
    const failure = await poster.post(delivery(1, 'C0001', 0), record).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'RetryLaterError', retryAfterMs: 1000, exact: false });
  });
});
