import { z } from 'zod';
import { retryAfterMs } from '../../delivery/retry-after.ts';
import type { Clock } from '../../time/clock.ts';
import type { BotTokens } from './bot-token.ts';
import type { Mention } from './mentions.ts';

/** A refusal by the Bot Connector: its HTTP status and code, and how long it asked to wait. */
export class ConnectorError extends Error {
  override name = 'ConnectorError';
  readonly status: number;
  readonly code: string;
  readonly retryAfterMs: number | null;
  constructor(status: number, code: string, retryAfter: number | null) {
    super(`the Bot Connector answered ${status}${code ? ` ${code}` : ''}`);
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfter;
  }
}

/**
 * A message crisisroom sends: HTML-escaped text (teamsHtml), mentions only when it built them
 * itself, or a card with the one-line summary Teams shows for it in notifications.
 */
export type OutgoingMessage = { text: string; entities?: Mention[] } | { summary: string; attachments: { contentType: string; content: unknown }[] };

const Resource = z.object({ id: z.string().min(1) });
const NewConversation = z.object({ id: z.string().min(1), activityId: z.string().min(1) });
const ErrorBody = z.object({ error: z.object({ code: z.string() }) });

/**
 * Proactive Bot Connector calls (posts nobody's message is answering), made without the SDK's
 * retrying middleware: a delivery that meets a 429 goes back to the delivery worker with the wait,
 * instead of holding a worker slot, and nothing is posted twice by a hidden retry.
 */
export function createConnectorClient({ tokens, clock, timeoutMs = 10_000 }: { tokens: BotTokens; clock: Clock; timeoutMs?: number }) {
  async function call(method: 'POST' | 'PUT', url: string, body: unknown): Promise<unknown> {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${await tokens.get()}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const code = ErrorBody.safeParse(parsed);
      throw new ConnectorError(
        response.status,
        code.success ? code.data.error.code : '',
        retryAfterMs(response.headers.get('retry-after') ?? undefined, clock.now()),
      );
    }
    return parsed;
  }
  const activity = (message: OutgoingMessage) => ({ type: 'message', textFormat: 'xml', ...message });
  const conversationUrl = (serviceUrl: string, conversationId: string) =>
    `${serviceUrl.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(conversationId)}`;

  return {
    /** A new post in a channel, which starts its own thread: the thread's conversation id and the post's id. */
    async startThread(serviceUrl: string, channelId: string, tenantId: string, message: OutgoingMessage) {
      const created = NewConversation.parse(
        await call('POST', `${serviceUrl.replace(/\/+$/, '')}/v3/conversations`, {
          isGroup: true,
          tenantId,
          channelData: { channel: { id: channelId }, tenant: { id: tenantId } },
          activity: activity(message),
        }),
      );
      return { conversationId: created.id, activityId: created.activityId };
    },
    /** A message in a conversation: a new post in a channel, a reply in a thread (`<channel>;messageid=<root>`). */
    async post(serviceUrl: string, conversationId: string, message: OutgoingMessage): Promise<string> {
      return Resource.parse(await call('POST', `${conversationUrl(serviceUrl, conversationId)}/activities`, activity(message))).id;
    },
    async reply(serviceUrl: string, conversationId: string, replyToId: string, message: OutgoingMessage): Promise<string> {
      return Resource.parse(
        await call('POST', `${conversationUrl(serviceUrl, conversationId)}/activities/${encodeURIComponent(replyToId)}`, { ...activity(message), replyToId }),
      ).id;
    },
    async update(serviceUrl: string, conversationId: string, activityId: string, message: OutgoingMessage): Promise<void> {
      await call('PUT', `${conversationUrl(serviceUrl, conversationId)}/activities/${encodeURIComponent(activityId)}`, {
        ...activity(message),
        id: activityId,
      });
    },
  };
}

export type ConnectorClient = ReturnType<typeof createConnectorClient>;
