// conversations.* as Slack documents them for a bot token.
import { type Args, type ChannelState, type Handler, type Reply, type Workspace, bool, fail, isReply, nowSeconds, ok, str } from './workspace.ts';

const MAX_NAME = 80;
const MAX_TOPIC = 250;

function nameProblem(name: string | undefined): string | undefined {
  if (!name) return 'invalid_name_required';
  if (name.length > MAX_NAME) return 'invalid_name_maxlength';
  if (!/^[a-z0-9_-]+$/.test(name)) return 'invalid_name_specials';
  if (!/[a-z0-9]/.test(name)) return 'invalid_name_punctuation';
  return undefined;
}

/** The checks every method acting inside a channel starts with, in Slack's order. */
function inChannel(ws: Workspace, args: Args, needMembership = true): ChannelState | Reply {
  const channel = ws.channel(str(args, 'channel'));
  if (!channel) return fail('channel_not_found');
  if (channel.isArchived) return fail('is_archived');
  if (needMembership && !ws.isMember(channel, ws.botUserId)) return fail('not_in_channel');
  return channel;
}

const create: Handler = (ws, args) => {
  const name = str(args, 'name');
  const problem = nameProblem(name);
  if (problem || name === undefined) return fail(problem ?? 'invalid_name_required');
  if ([...ws.channels.values()].some((c) => c.name === name)) return fail('name_taken');
  const channel: ChannelState = {
    id: ws.nextId('C'),
    name,
    isPrivate: bool(args, 'is_private') ?? false,
    isExtShared: false,
    isArchived: false,
    created: nowSeconds(),
    creator: ws.botUserId,
    members: [ws.botUserId],
    topic: '',
    purpose: '',
  };
  ws.addChannel(channel);
  return ok({ channel: ws.channelJson(channel) });
};

const invite: Handler = (ws, args) => {
  const channel = inChannel(ws, args);
  if (isReply(channel)) return channel;
  const users = (str(args, 'users') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (users.length === 0) return fail('no_user');
  // Slack invites nobody when any invitee fails, and says which one failed and why.
  const refusal = (id: string) => (id === ws.botUserId ? 'cant_invite_self' : ws.users.has(id) ? undefined : 'user_not_found');
  const refused = users.flatMap((user) => {
    const error = refusal(user);
    return error ? [{ user, ok: false, error }] : [];
  });
  if (refused.length > 0) return fail(refused[0]!.error, { errors: refused });
  const newcomers = users.filter((id) => !ws.isMember(channel, id));
  if (newcomers.length === 0) return fail('already_in_channel', { errors: users.map((user) => ({ user, ok: false, error: 'already_in_channel' })) });
  channel.members.push(...new Set(newcomers));
  return ok({ channel: ws.channelJson(channel) });
};

const join: Handler = (ws, args) => {
  const channel = inChannel(ws, args, false);
  if (isReply(channel)) return channel;
  if (channel.isPrivate && !ws.isMember(channel, ws.botUserId)) return fail('method_not_supported_for_channel_type');
  if (ws.isMember(channel, ws.botUserId)) {
    return ok({ channel: ws.channelJson(channel), warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } });
  }
  channel.members.push(ws.botUserId);
  return ok({ channel: ws.channelJson(channel) });
};

const info: Handler = (ws, args) => {
  const channel = ws.channel(str(args, 'channel'));
  if (!channel || (channel.isPrivate && !ws.isMember(channel, ws.botUserId))) return fail('channel_not_found');
  return ok({ channel: ws.channelJson(channel) });
};

const members: Handler = (ws, args) => {
  const channel = ws.channel(str(args, 'channel'));
  if (!channel || (channel.isPrivate && !ws.isMember(channel, ws.botUserId))) return fail('channel_not_found');
  return ok({ members: [...channel.members], response_metadata: { next_cursor: '' } });
};

/** conversations.list: public channels, and private ones the bot is in, paged by an opaque cursor. */
const list: Handler = (ws, args) => {
  const types = new Set((str(args, 'types') ?? 'public_channel').split(',').map((t) => t.trim()));
  if ([...types].some((t) => !['public_channel', 'private_channel', 'mpim', 'im'].includes(t))) return fail('invalid_types');
  const limit = Number(str(args, 'limit') ?? 100);
  if (!Number.isInteger(limit) || limit < 1) return fail('invalid_limit');
  const excludeArchived = bool(args, 'exclude_archived') ?? false;
  const visible = [...ws.channels.values()].filter(
    (c) => (c.isPrivate ? types.has('private_channel') && ws.isMember(c, ws.botUserId) : types.has('public_channel')) && !(excludeArchived && c.isArchived),
  );
  const cursor = str(args, 'cursor');
  const start = cursor ? Number(Buffer.from(cursor, 'base64').toString().replace('offset:', '')) : 0;
  if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
  const page = visible.slice(start, start + Math.min(limit, 1000));
  const more = start + page.length < visible.length;
  return ok({
    channels: page.map((c) => ws.channelJson(c)),
    response_metadata: { next_cursor: more ? Buffer.from(`offset:${start + page.length}`).toString('base64') : '' },
  });
};

const setter =
  (field: 'topic' | 'purpose'): Handler =>
  (ws, args) => {
    const channel = inChannel(ws, args);
    if (isReply(channel)) return channel;
    const value = str(args, field) ?? '';
    if (value.length > MAX_TOPIC) return fail('too_long');
    channel[field] = value;
    return ok({ channel: ws.channelJson(channel) });
  };

export const conversationMethods: Record<string, Handler> = {
  'conversations.create': create,
  'conversations.invite': invite,
  'conversations.join': join,
  'conversations.info': info,
  'conversations.members': members,
  'conversations.list': list,
  'conversations.setTopic': setter('topic'),
  'conversations.setPurpose': setter('purpose'),
};
