import type { Middleware } from '@microsoft/teams.common';
import type { RateWindow, RateWindows } from '../rate-windows.ts';

/**
 * Teams' documented limits on a bot's sends to one conversation: 7 in any second, 8 in 2 seconds,
 * 60 in 30 seconds, 1,800 in an hour. A channel and the threads of its posts are counted as one,
 * which is the stricter reading.
 */
export function conversationWindows(conversationId: string): RateWindow[] {
  const channel = conversationId.split(';')[0]!;
  return [
    { key: `teams:${channel}:1s`, limit: 7, ms: 1000 },
    { key: `teams:${channel}:2s`, limit: 8, ms: 2000 },
    { key: `teams:${channel}:30s`, limit: 60, ms: 30_000 },
    { key: `teams:${channel}:1h`, limit: 1800, ms: 3_600_000 },
  ];
}

/** The conversation a Bot Connector send (a new activity, a reply, an edit) goes to; none for reads. */
function sentTo(method: string | undefined, url: string | undefined): string | undefined {
  if (!url || !['POST', 'PUT'].includes((method ?? '').toUpperCase())) return undefined;
  const match = /\/v3\/conversations\/([^/?]+)\/activities/.exec(url);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/**
 * The SDK's answers to commands (replies in the command's thread) take their turn with the room's
 * own work in the same windows, so a burst of commands in one room provokes no 429. The answer
 * waits its turn: the person sees it a little later rather than not at all.
 */
export function paceConversations(windows: RateWindows): Middleware {
  return {
    invoke(context, next) {
      const conversation = sentTo(context.config.method, context.config.url);
      return conversation === undefined ? next() : windows.run(conversationWindows(conversation), next);
    },
  };
}
