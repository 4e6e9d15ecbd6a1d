import type { ClientOptions, Middleware } from '@microsoft/teams.common';
import { retryAfterMs } from '../../delivery/retry-after.ts';
import type { Clock } from '../../time/clock.ts';
import type { RateWindows } from '../rate-windows.ts';
import { paceConversations } from './conversation-limits.ts';

/** A wait longer than this is not sat out inside a conversation: the call fails and says why. */
const longestInlineWaitMs = 30_000;

/** The HTTP status and Retry-After wait of a failed Bot Connector call, when it was an HTTP answer. */
function connectorFailure(error: unknown, clock: Clock): { status: number; retryAfterMs: number | null } | null {
  // The SDK's client throws axios errors: the answer, when there was one, is on `response`.
  const response = (error as { response?: { status?: unknown; headers?: Record<string, unknown> } } | null)?.response;
  if (typeof response?.status !== 'number') return null;
  const header = response.headers?.['retry-after'];
  return { status: response.status, retryAfterMs: retryAfterMs(typeof header === 'string' ? header : undefined, clock.now()) };
}

/**
 * Waits out a 429 for as long as the Bot Connector's Retry-After says, then tries again, up to
 * `retries` times; Microsoft asks bots to back off exactly so. Without Retry-After, or beyond the
 * longest wait, the error goes up to the caller.
 */
function honourRetryAfter(clock: Clock, retries: number): Middleware {
  return {
    async invoke(_context, next) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await next();
        } catch (error) {
          const failure = connectorFailure(error, clock);
          if (attempt >= retries || failure?.status !== 429 || failure.retryAfterMs === null || failure.retryAfterMs > longestInlineWaitMs) throw error;
          await new Promise((resolve) => setTimeout(resolve, failure.retryAfterMs!));
        }
      }
    },
  };
}

/** How the SDK's HTTP client makes Bot Connector calls: paced per conversation, bounded in time, polite on 429. */
export function connectorHttp(
  clock: Clock,
  windows: RateWindows,
  { timeoutMs = 10_000, retries = 3 }: { timeoutMs?: number; retries?: number } = {},
): ClientOptions {
  return { timeout: timeoutMs, middlewares: [honourRetryAfter(clock, retries), paceConversations(windows)] };
}
