// The fake workspace's state and the vocabulary the method handlers share.

export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  /** IANA time zone, e.g. America/Sao_Paulo. */
  tz: string;
  teamId: string;
}

interface FakeChannelSeed {
  id?: string;
  name: string;
  isPrivate?: boolean;
  isExtShared?: boolean;
  /** Members at start; the bot is a member only if listed. */
  members?: string[];
}

export interface FakeSlackOptions {
  /** The bot token expected as `Authorization: Bearer …`. */
  token: string;
  /** The scopes the token was granted (the x-oauth-scopes header); default the manifest's bot scopes. */
  scopes?: string[];
  teamId: string;
  botUserId: string;
  /** The bot's user name, as auth.test and users.info report it; default "crisisroom". */
  botName?: string;
  users: FakeUser[];
  channels?: FakeChannelSeed[];
  /** Default 1; 0 disables the limit. */
  postRateLimitPerChannelPerSecond?: number;
  /** chat.postMessage calls per second across the workspace; unlimited when not given. */
  workspacePostsPerSecond?: number;
  /** The share of chat.postMessage calls that fail transiently (a 500, or the response lost after the post). */
  transientFailureRate?: number;
  /** chat.update calls per minute across the workspace (Slack's Tier 3: about 50); unlimited when not given. */
  updatesPerMinute?: number;
  random?: () => number;
}

export interface ChannelState {
  id: string;
  name: string;
  isPrivate: boolean;
  isExtShared: boolean;
  isArchived: boolean;
  created: number;
  creator: string;
  members: string[];
  topic: string;
  purpose: string;
}

export interface StoredMessage {
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: unknown[] | undefined;
  user: string;
  metadata: unknown;
  unfurl_links: boolean | undefined;
  unfurl_media: boolean | undefined;
  reply_broadcast?: boolean;
  edited?: { user: string; ts: string };
}

export interface Ephemeral {
  channel: string;
  user: string;
  text: string;
  blocks: unknown[] | undefined;
  thread_ts?: string;
  message_ts: string;
}

export interface OpenedView {
  id: string;
  trigger_id: string;
  /** The view as last opened or updated. */
  view: Record<string, unknown>;
  hash: string;
}

export type Args = Record<string, unknown>;

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
  /** The work was done, but the connection drops before this reply is sent. */
  drop?: boolean;
}

export type Handler = (ws: Workspace, args: Args) => Reply;

export const ok = (fields: Record<string, unknown> = {}): Reply => ({ status: 200, body: { ok: true, ...fields } });
export const fail = (error: string, extra: Record<string, unknown> = {}): Reply => ({ status: 200, body: { ok: false, error, ...extra } });

export const isReply = <T extends object>(value: T | Reply): value is Reply => 'status' in value && 'body' in value;

export const str = (args: Args, key: string): string | undefined => {
  const value = args[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
};

/** Form bodies carry booleans as "true"/"1"; JSON bodies carry real ones. */
export const bool = (args: Args, key: string): boolean | undefined => {
  const value = args[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  return undefined;
};

/** Slack ids are a type letter and upper-case alphanumerics. */
const slackId = (prefix: string, n: number) => `${prefix}${n.toString(36).toUpperCase().padStart(10, '0')}`;

/** Microseconds since the epoch: Slack's ts is seconds and microseconds of when the message arrived. */
const nowMicros = () => Math.floor((performance.timeOrigin + performance.now()) * 1000);

/** Unix seconds, for the `created` fields. */
export const nowSeconds = () => Math.floor(nowMicros() / 1e6);

/** The key of the workspace-wide window among the per-channel ones. */
const workspaceKey = '*workspace*';
const updateKey = '(chat.update)';

export class Workspace {
  readonly options: FakeSlackOptions;
  readonly botId: string;
  readonly appId: string;
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, ChannelState>();
  readonly messages = new Map<string, StoredMessage[]>();
  readonly pins = new Map<string, string[]>();
  readonly ephemerals: Ephemeral[] = [];
  readonly views: OpenedView[] = [];
  readonly exchangedTriggers = new Set<string>();
  private readonly postTimes = new Map<string, number[]>();
  private counter = 0;
  private lastTs = 0;

  constructor(options: FakeSlackOptions) {
    this.options = options;
    this.botId = slackId('B', 1);
    this.appId = slackId('A', 1);
    for (const user of options.users) this.users.set(user.id, user);
    for (const seed of options.channels ?? []) {
      this.addChannel({
        id: seed.id ?? this.nextId('C'),
        name: seed.name,
        isPrivate: seed.isPrivate ?? false,
        isExtShared: seed.isExtShared ?? false,
        isArchived: false,
        created: nowSeconds(),
        creator: options.botUserId,
        members: [...(seed.members ?? [])],
        topic: '',
        purpose: '',
      });
    }
  }

  get botUserId(): string {
    return this.options.botUserId;
  }

  get botName(): string {
    return this.options.botName ?? 'crisisroom';
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return slackId(prefix, this.counter);
  }

  /** Unique and increasing across the workspace, as a real clock would make them at one message per microsecond. */
  nextTs(): string {
    this.lastTs = Math.max(nowMicros(), this.lastTs + 1);
    return `${Math.floor(this.lastTs / 1e6)}.${String(this.lastTs % 1e6).padStart(6, '0')}`;
  }

  addChannel(channel: ChannelState): void {
    this.channels.set(channel.id, channel);
    this.messages.set(channel.id, []);
    this.pins.set(channel.id, []);
  }

  /** chat.* methods take "an encoded ID or channel name"; conversations.* take ids only. */
  channel(idOrName: string | undefined, byName = false): ChannelState | undefined {
    if (idOrName === undefined) return undefined;
    const byId = this.channels.get(idOrName);
    if (byId || !byName) return byId;
    const name = idOrName.replace(/^#/, '');
    return [...this.channels.values()].find((c) => c.name === name);
  }

  /** The app's direct-message channel with a user (chat.postMessage to a user id posts there), opened on first use. */
  directTo(userId: string | undefined): ChannelState | undefined {
    if (userId === undefined || !this.users.has(userId)) return undefined;
    const id = `D${userId.slice(1)}`;
    if (!this.channels.has(id)) {
      this.channels.set(id, {
        id,
        name: id,
        isPrivate: true,
        isExtShared: false,
        isArchived: false,
        created: 0,
        creator: this.botUserId,
        members: [this.botUserId, userId],
        topic: '',
        purpose: '',
      });
      this.messages.set(id, []);
    }
    return this.channels.get(id);
  }

  message(channelId: string, ts: string | undefined): StoredMessage | undefined {
    return ts === undefined ? undefined : this.messages.get(channelId)?.find((m) => m.ts === ts);
  }

  isMember(channel: ChannelState, userId: string): boolean {
    return channel.members.includes(userId);
  }

  /** Counts only accepted posts, so a rejected post neither spends nor waits for the budget. */
  postAllowed(channelId: string): boolean {
    const now = performance.now();
    const inLastSecond = (key: string) => {
      const recent = (this.postTimes.get(key) ?? []).filter((at) => now - at < 1000);
      this.postTimes.set(key, recent);
      return recent.length;
    };
    const perChannel = this.options.postRateLimitPerChannelPerSecond ?? 1;
    if (perChannel !== 0 && inLastSecond(channelId) >= perChannel) return false;
    const workspace = this.options.workspacePostsPerSecond;
    return workspace === undefined || inLastSecond(workspaceKey) < workspace;
  }

  /**
   * Slack's bad moments, at the rate asked for: half of them fail before the post is stored, half
   * lose the answer after it was. Either way the call counted against the rate limits.
   */
  transientFailure(): 'fail' | 'lose' | undefined {
    const random = this.options.random ?? Math.random;
    if (!this.options.transientFailureRate || random() >= this.options.transientFailureRate) return undefined;
    return random() < 0.5 ? 'fail' : 'lose';
  }

  /** Slack's Tier 3 for chat.update: a sliding minute; only accepted calls count. */
  updateAllowed(): boolean {
    const limit = this.options.updatesPerMinute;
    if (limit === undefined) return true;
    const now = performance.now();
    const recent = (this.postTimes.get(updateKey) ?? []).filter((at) => now - at < 60_000);
    if (recent.length >= limit) {
      this.postTimes.set(updateKey, recent);
      return false;
    }
    this.postTimes.set(updateKey, [...recent, now]);
    return true;
  }

  notePost(channelId: string): void {
    for (const key of [channelId, workspaceKey]) {
      const times = this.postTimes.get(key) ?? [];
      times.push(performance.now());
      this.postTimes.set(key, times);
    }
  }

  channelJson(channel: ChannelState): Record<string, unknown> {
    const meta = (value: string) => ({ value, creator: value ? this.botUserId : '', last_set: 0 });
    return {
      id: channel.id,
      name: channel.name,
      name_normalized: channel.name,
      is_channel: true,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: channel.isPrivate,
      is_archived: channel.isArchived,
      is_general: false,
      is_shared: channel.isExtShared,
      is_ext_shared: channel.isExtShared,
      is_org_shared: false,
      is_member: this.isMember(channel, this.botUserId),
      created: channel.created,
      creator: channel.creator,
      context_team_id: this.options.teamId,
      topic: meta(channel.topic),
      purpose: meta(channel.purpose),
      previous_names: [],
    };
  }
}
