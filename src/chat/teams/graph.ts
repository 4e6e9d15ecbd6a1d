import { z } from 'zod';
import { retryAfterMs } from '../../delivery/retry-after.ts';
import type { Clock } from '../../time/clock.ts';
import type { BotTokens } from './bot-token.ts';

/** A refusal by Microsoft Graph: its HTTP status, its error code, and how long it asked to wait. */
export class GraphError extends Error {
  override name = 'GraphError';
  readonly status: number;
  readonly code: string;
  readonly retryAfterMs: number | null;
  constructor(status: number, code: string, message: string, retryAfter: number | null) {
    super(`Microsoft Graph answered ${status} ${code}: ${message}`);
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfter;
  }
}

const ErrorBody = z.object({ error: z.object({ code: z.string().default('unknown'), message: z.string().default('') }) });
const Channel = z.object({ id: z.string().min(1), displayName: z.string(), description: z.string().nullish(), webUrl: z.string().optional() });
const Channels = z.object({ value: z.array(Channel), '@odata.nextLink': z.string().optional() });
const Members = z.object({
  value: z.array(z.object({ userId: z.string().nullish(), displayName: z.string().nullish() })),
  '@odata.nextLink': z.string().optional(),
});

const Messages = z.object({
  value: z.array(
    z.object({
      id: z.string(),
      createdDateTime: z.iso.datetime({ offset: true }),
      deletedDateTime: z.iso.datetime({ offset: true }).nullish(),
      from: z.object({ application: z.object({ id: z.string() }).nullish() }).nullish(),
      body: z.object({ content: z.string().nullish() }),
      /** A card's attachment holds the card as JSON text. */
      attachments: z.array(z.object({ contentType: z.string().nullish(), content: z.string().nullish() })).nullish(),
    }),
  ),
  '@odata.nextLink': z.string().optional(),
});
export type ChannelMessage = z.infer<typeof Messages>['value'][number];

/**
 * The resource-specific permissions each call needs, which a team owner grants by installing the
 * app in the team; the manifest asks for exactly these.
 */
export const graphPermissions = {
  createChannel: 'Channel.Create.Group',
  listChannels: 'ChannelSettings.Read.Group',
  messages: 'ChannelMessage.Read.Group',
  teamMembers: 'TeamMember.Read.Group',
  channelMembers: 'ChannelMember.ReadWrite.Group',
  addChannelMember: 'ChannelMember.ReadWrite.Group',
} as const;

/**
 * Who a channel is for. A standard channel holds the whole team; a private one only the people
 * named, at least one of them its owner, and every one already a member of the team.
 */
export type ChannelMembership = { type: 'standard' } | { type: 'private'; owner: string; members: string[] };

/** A wait longer than this is not sat out: the call fails and says why. */
const longestInlineWaitMs = 30_000;

export interface GraphOptions {
  /** Graph's address without a trailing slash, e.g. https://graph.microsoft.com. */
  apiUrl: string;
  tokens: BotTokens;
  clock: Clock;
  timeoutMs?: number;
}

/**
 * The few Microsoft Graph calls crisisroom makes, with the app's own token (client credentials):
 * what a team owner granted it for that team alone (resource-specific consent) is all it can do.
 */
export function createGraphClient({ apiUrl, tokens, clock, timeoutMs = 10_000 }: GraphOptions) {
  const scope = `${apiUrl}/.default`;

  const userBinding = (userId: string) => `${apiUrl}/v1.0/users('${encodeURIComponent(userId)}')`;
  const member = (userId: string, owner: boolean) => ({
    '@odata.type': '#microsoft.graph.aadUserConversationMember',
    roles: owner ? ['owner'] : [],
    'user@odata.bind': userBinding(userId),
  });
  const channelUrl = (teamId: string, channelId: string) => `${apiUrl}/v1.0/teams/${encodeURIComponent(teamId)}/channels/${encodeURIComponent(channelId)}`;

  /** Every page of a member list, by lower-cased Entra object id. */
  async function memberPages(first: string): Promise<Map<string, string>> {
    const members = new Map<string, string>();
    let next: string | undefined = first;
    while (next) {
      const page: z.infer<typeof Members> = Members.parse(await politely('GET', next));
      for (const one of page.value) if (one.userId) members.set(one.userId.toLowerCase(), one.displayName ?? one.userId);
      next = page['@odata.nextLink'];
    }
    return members;
  }

  async function call(method: 'GET' | 'POST', url: string, body?: unknown): Promise<unknown> {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${await tokens.get(scope)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(text ? JSON.parse(text) : {});
      const { code, message } = parsed.success ? parsed.data.error : { code: 'unknown', message: text.slice(0, 200) };
      throw new GraphError(response.status, code, message, retryAfterMs(response.headers.get('retry-after') ?? undefined, clock.now()));
    }
    return text ? JSON.parse(text) : {};
  }

  /** A 429 is waited out as its Retry-After says, a few times; Graph asks apps to back off exactly so. */
  async function politely(method: 'GET' | 'POST', url: string, body?: unknown): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call(method, url, body);
      } catch (error) {
        const wait = error instanceof GraphError && error.status === 429 ? error.retryAfterMs : null;
        if (attempt >= 3 || wait === null || wait > longestInlineWaitMs) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  return {
    /** POST /teams/{team}/channels: a standard channel, or a private one created with its members. */
    async createChannel(teamId: string, channel: { displayName: string; description: string }, membership: ChannelMembership = { type: 'standard' }) {
      const body =
        membership.type === 'private'
          ? {
              ...channel,
              membershipType: 'private',
              members: [member(membership.owner, true), ...membership.members.filter((id) => id !== membership.owner).map((id) => member(id, false))],
            }
          : { ...channel, membershipType: 'standard' };
      return Channel.parse(await politely('POST', `${apiUrl}/v1.0/teams/${encodeURIComponent(teamId)}/channels`, body));
    },
    /** The team's channels (names and descriptions), every page: how a channel whose creation's answer was lost is found. */
    async channels(teamId: string): Promise<z.infer<typeof Channel>[]> {
      const all: z.infer<typeof Channel>[] = [];
      let next: string | undefined = `${apiUrl}/v1.0/teams/${encodeURIComponent(teamId)}/channels`;
      while (next) {
        const page: z.infer<typeof Channels> = Channels.parse(await politely('GET', next));
        all.push(...page.value);
        next = page['@odata.nextLink'];
      }
      return all;
    },
    /** The team's members by Entra object id, every page. */
    teamMembers: (teamId: string) => memberPages(`${apiUrl}/v1.0/teams/${encodeURIComponent(teamId)}/members`),
    /** A channel's members by Entra object id, every page. */
    channelMembers: (teamId: string, channelId: string) => memberPages(`${channelUrl(teamId, channelId)}/members`),
    /**
     * A channel's messages (its threads' first posts, newest first) or one thread's replies, a page
     * of at most 50 at a time, for as long as `more` says to read on.
     */
    async messages(teamId: string, channelId: string, options: { replyTo?: string; more: (page: ChannelMessage[]) => boolean }): Promise<ChannelMessage[]> {
      const path = options.replyTo ? `/messages/${encodeURIComponent(options.replyTo)}/replies` : '/messages';
      const all: ChannelMessage[] = [];
      let next: string | undefined = `${channelUrl(teamId, channelId)}${path}?$top=50`;
      while (next) {
        const page: z.infer<typeof Messages> = Messages.parse(await politely('GET', next));
        all.push(...page.value);
        next = options.more(page.value) ? page['@odata.nextLink'] : undefined;
      }
      return all;
    },
    /** POST /teams/{team}/channels/{channel}/members: Graph allows it for private and shared channels only. */
    async addChannelMember(teamId: string, channelId: string, userId: string): Promise<void> {
      await politely('POST', `${channelUrl(teamId, channelId)}/members`, member(userId, false));
    },
  };
}

export type GraphClient = ReturnType<typeof createGraphClient>;
