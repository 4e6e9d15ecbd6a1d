// chat.* and pins.add, with the errors Slack documents for them.
import { validateMessageBlocks } from './blocks-validation.ts';
import { type Args, type Handler, type Reply, type StoredMessage, type Workspace, bool, fail, isReply, ok, str } from './workspace.ts';

const MAX_TEXT = 40_000;

interface Content {
  text: string | undefined;
  blocks: unknown[] | undefined;
}

/** Text and blocks, checked as postMessage, postEphemeral and update all check them. */
function content(args: Args): Content | Reply {
  const text = str(args, 'text');
  const blocks = args.blocks;
  if (blocks !== undefined) {
    const problem = validateMessageBlocks(blocks);
    if (problem) return fail(problem.error, { response_metadata: { messages: [problem.message] } });
  }
  const list = blocks as unknown[] | undefined;
  if (!text && !list?.length) return fail('no_text');
  if (text && text.length > MAX_TEXT) return fail('msg_too_long');
  return { text, blocks: list };
}

function metadataProblem(metadata: unknown): Reply | undefined {
  if (metadata === undefined) return undefined;
  const valid =
    typeof metadata === 'object' &&
    metadata !== null &&
    typeof (metadata as Record<string, unknown>).event_type === 'string' &&
    typeof (metadata as Record<string, unknown>).event_payload === 'object';
  return valid ? undefined : fail('invalid_metadata_format');
}

function messageJson(ws: Workspace, message: StoredMessage): Record<string, unknown> {
  const fromBot = message.user === ws.botUserId;
  return {
    type: 'message',
    user: message.user,
    ...(fromBot ? { bot_id: ws.botId, app_id: ws.appId } : {}),
    team: ws.options.teamId,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ts: message.ts,
    ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    ...(message.metadata !== undefined ? { metadata: message.metadata } : {}),
    ...(message.edited ? { edited: message.edited } : {}),
  };
}

const postMessage: Handler = (ws, args) => {
  const channel = ws.channel(str(args, 'channel'), true) ?? ws.directTo(str(args, 'channel'));
  if (!channel) return fail('channel_not_found');
  if (channel.isArchived) return fail('is_archived');
  if (!ws.isMember(channel, ws.botUserId)) return fail('not_in_channel');
  const body = content(args);
  if (isReply(body)) return body;
  const metadataRefusal = metadataProblem(args.metadata);
  if (metadataRefusal) return metadataRefusal;
  const threadTs = str(args, 'thread_ts') || undefined;
  if (threadTs && !ws.message(channel.id, threadTs)) return fail('thread_not_found');
  if (!ws.postAllowed(channel.id)) return { status: 429, headers: { 'Retry-After': '1' }, body: { ok: false, error: 'ratelimited' } };
  ws.notePost(channel.id);
  const failure = ws.transientFailure();
  if (failure === 'fail') return { status: 500, body: { ok: false, error: 'fatal_error' } };
  const broadcast = threadTs ? bool(args, 'reply_broadcast') : undefined;
  const message: StoredMessage = {
    ts: ws.nextTs(),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    text: body.text ?? '',
    blocks: body.blocks,
    user: ws.botUserId,
    metadata: args.metadata,
    unfurl_links: bool(args, 'unfurl_links'),
    unfurl_media: bool(args, 'unfurl_media'),
    ...(broadcast !== undefined ? { reply_broadcast: broadcast } : {}),
  };
  ws.messages.get(channel.id)!.push(message);
  return { ...ok({ channel: channel.id, ts: message.ts, message: messageJson(ws, message) }), ...(failure === 'lose' ? { drop: true } : {}) };
};

const update: Handler = (ws, args) => {
  const channel = ws.channel(str(args, 'channel'), true);
  if (!channel) return fail('channel_not_found');
  const message = ws.message(channel.id, str(args, 'ts'));
  if (!message) return fail('message_not_found');
  if (message.user !== ws.botUserId) return fail('cant_update_message');
  if (!ws.updateAllowed()) return { status: 429, headers: { 'Retry-After': '1' }, body: { ok: false, error: 'ratelimited' } };
  const body = content(args);
  if (isReply(body)) return body;
  const metadataRefusal = metadataProblem(args.metadata);
  if (metadataRefusal) return metadataRefusal;
  // Slack documents that text sent without blocks drops the message's old blocks.
  message.blocks = body.blocks;
  if (body.text !== undefined) message.text = body.text;
  if (args.metadata !== undefined) message.metadata = args.metadata;
  message.edited = { user: ws.botUserId, ts: ws.nextTs() };
  return ok({ channel: channel.id, ts: message.ts, text: message.text, message: messageJson(ws, message) });
};

const postEphemeral: Handler = (ws, args) => {
  const channel = ws.channel(str(args, 'channel'), true);
  if (!channel) return fail('channel_not_found');
  if (channel.isArchived) return fail('is_archived');
  const user = str(args, 'user');
  if (!user || !ws.isMember(channel, user)) return fail('user_not_in_channel');
  const body = content(args);
  if (isReply(body)) return body;
  const threadTs = str(args, 'thread_ts') || undefined;
  const messageTs = ws.nextTs();
  ws.ephemerals.push({
    channel: channel.id,
    user,
    text: body.text ?? '',
    blocks: body.blocks,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    message_ts: messageTs,
  });
  return ok({ message_ts: messageTs });
};

const permalink = (channelId: string, message: StoredMessage): string => {
  const base = `https://fake.slack.test/archives/${channelId}/p${message.ts.replace('.', '')}`;
  return message.thread_ts ? `${base}?thread_ts=${message.thread_ts}&cid=${channelId}` : base;
};

const getPermalink: Handler = (ws, args) => {
  const channel = ws.channel(str(args, 'channel'));
  if (!channel) return fail('channel_not_found');
  const message = ws.message(channel.id, str(args, 'message_ts'));
  if (!message) return fail('message_not_found');
  return ok({ channel: channel.id, permalink: permalink(channel.id, message) });
};

const pinsAdd: Handler = (ws, args) => {
  const channel = ws.channel(str(args, 'channel'));
  if (!channel) return fail('channel_not_found');
  const timestamp = str(args, 'timestamp');
  if (!timestamp) return fail('no_item_specified');
  if (!ws.message(channel.id, timestamp)) return fail('message_not_found');
  const pins = ws.pins.get(channel.id)!;
  if (pins.includes(timestamp)) return fail('already_pinned');
  pins.push(timestamp);
  return ok();
};

export const chatMethods: Record<string, Handler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
  'pins.add': pinsAdd,
};
