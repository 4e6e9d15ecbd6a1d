// conversations.history and conversations.replies: what a bot reads back of a channel, as Slack pages it.
import { type Handler, type StoredMessage, type Workspace, bool, fail, ok, str } from './workspace.ts';

const MAX_LIMIT = 999;

/** Slack leaves message metadata out unless the caller asks for it with include_all_metadata. */
function shown(ws: Workspace, message: StoredMessage, withMetadata: boolean): Record<string, unknown> {
  const fromBot = message.user === ws.botUserId;
  return {
    type: 'message',
    user: message.user,
    ...(fromBot ? { bot_id: ws.botId, app_id: ws.appId } : {}),
    text: message.text,
    ts: message.ts,
    ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    ...(withMetadata && message.metadata !== undefined ? { metadata: message.metadata } : {}),
  };
}

const limitOf = (value: string | undefined): number | undefined => {
  const limit = value === undefined ? 100 : Number(value);
  return Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_LIMIT) : undefined;
};

const after = (oldest: string | undefined) => (message: StoredMessage) => oldest === undefined || Number(message.ts) > Number(oldest);

const history: Handler = (ws, args) => {
  const channel = ws.channel(str(args, 'channel'));
  if (!channel) return fail('channel_not_found');
  if (!ws.isMember(channel, ws.botUserId)) return fail('not_in_channel');
  const limit = limitOf(str(args, 'limit'));
  if (limit === undefined) return fail('invalid_limit');
  // Top-level messages only, newest first, as Slack returns them.
  const top = ws.messages
    .get(channel.id)!
    .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
    .filter(after(str(args, 'oldest')));
  const page = top.reverse().slice(0, limit);
  return ok({ messages: page.map((m) => shown(ws, m, bool(args, 'include_all_metadata') ?? false)), has_more: top.length > limit });
};

const replies: Handler = (ws, args) => {
  const channel = ws.channel(str(args, 'channel'));
  if (!channel) return fail('channel_not_found');
  if (!ws.isMember(channel, ws.botUserId)) return fail('not_in_channel');
  const parent = ws.message(channel.id, str(args, 'ts'));
  if (!parent) return fail('thread_not_found');
  const limit = limitOf(str(args, 'limit'));
  if (limit === undefined) return fail('invalid_limit');
  // The parent first, then its replies oldest first.
  const thread = ws.messages
    .get(channel.id)!
    .filter((m) => m.ts === parent.ts || m.thread_ts === parent.ts)
    .filter((m) => m.ts === parent.ts || after(str(args, 'oldest'))(m));
  return ok({ messages: thread.slice(0, limit).map((m) => shown(ws, m, bool(args, 'include_all_metadata') ?? false)), has_more: thread.length > limit });
};

export const historyMethods: Record<string, Handler> = {
  'conversations.history': history,
  'conversations.replies': replies,
};
