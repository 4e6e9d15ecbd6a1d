import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StoredMessage } from './connector.ts';

export interface FakeTeamMember {
  userId: string;
  displayName: string;
}

interface FakeChannel {
  id: string;
  displayName: string;
  description: string;
  membershipType: string;
  /** A private channel's members (Entra object id → roles); a standard channel holds the whole team. */
  members: Map<string, string[]>;
}

/** An answer Graph is told to give to a coming call: the next one, or the next of one method. */
interface Failure {
  status: number;
  code?: string;
  retryAfter?: string;
  method?: 'GET' | 'POST';
}

interface MemberBody {
  '@odata.type'?: string;
  roles?: string[];
  'user@odata.bind'?: string;
}

/**
 * A fake Microsoft Graph, as much of it as crisisroom uses: channels of a team and its members.
 * It takes only app tokens the fake token endpoint issued for Graph's audience (the scope
 * "<graph>/.default"), answers 403 as Graph does when the team's owner has not consented, 409 for a
 * channel name the team already has, and can be told to answer 429 with Retry-After. As Graph
 * documents: a private channel is created with its members, at least one an owner, all of them in
 * the team; members are added to private and shared channels only; a standard channel's members
 * are the team's.
 */
export async function startFakeGraph(options: {
  teamId: string;
  members: FakeTeamMember[];
  audienceOf: (token: string) => string | undefined;
  pageSize?: number;
  /** What Teams holds in a channel (its posts, or one post's replies), all made by the bot `appId`. */
  messagesOf?: (channelId: string, replyTo?: string) => StoredMessage[];
  appId?: string;
}) {
  const channels: FakeChannel[] = [];
  const requests: { method: string; path: string; status: number }[] = [];
  const failures: Failure[] = [];
  let consented = true;
  /** Channels still to be created whose answer is then lost (the connection drops). */
  let answersToLose = 0;
  /** Creations (of a channel, of a channel member) still to come whose answer is then never given. */
  let answersToHold = 0;
  const held = () => answersToHold > 0 && answersToHold-- > 0;
  // Microsoft counts reading channel messages with application permissions among its protected APIs.
  let messagesReadable = true;
  let url = '';

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  const error = (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) =>
    json(res, status, { error: { code, message, innerError: { date: '2021-09-15T13:50:00', 'request-id': randomBytes(8).toString('hex') } } }, headers);
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  };

  const inTeam = (userId: string) => options.members.some((m) => m.userId.toLowerCase() === userId.toLowerCase());
  /** The user a conversationMember body binds, or why it binds none. */
  function boundUser(body: MemberBody): { userId: string } | { problem: string } {
    if (body['@odata.type'] !== '#microsoft.graph.aadUserConversationMember') return { problem: `Unsupported member type ${String(body['@odata.type'])}.` };
    const id = /\/users\('([^']+)'\)$/.exec(body['user@odata.bind'] ?? '')?.[1];
    if (!id) return { problem: 'Bind requests not expected for action payload.' };
    if ((body.roles ?? []).some((role) => role !== 'owner'))
      return { problem: `Invalid roles ${JSON.stringify(body.roles)}: a channel member's role is owner or none.` };
    const userId = decodeURIComponent(id).toLowerCase();
    return inTeam(userId) ? { userId } : { problem: `User ${userId} is not a member of the team.` };
  }
  function page(res: ServerResponse, status: (code: number) => void, target: URL, all: { userId: string; displayName: string; roles: string[] }[]) {
    const size = options.pageSize ?? 2;
    const start = Number(target.searchParams.get('$skiptoken') ?? 0);
    const value = all.slice(start, start + size).map((m) => ({ '@odata.type': '#microsoft.graph.aadUserConversationMember', ...m }));
    const next = start + size < all.length ? { '@odata.nextLink': `${url}${target.pathname}?$skiptoken=${start + size}` } : {};
    status(200);
    return json(res, 200, { value, ...next });
  }

  async function channelMembers(req: IncomingMessage, res: ServerResponse, status: (code: number) => void, target: URL, channelId: string) {
    const channel = channels.find((c) => c.id === channelId);
    if (!channel) {
      status(404);
      return error(res, 404, 'NotFound', `Channel ${channelId} not found.`);
    }
    if (req.method === 'GET') {
      if (channel.membershipType === 'standard')
        return page(
          res,
          status,
          target,
          options.members.map((m) => ({ ...m, roles: [] })),
        );
      return page(
        res,
        status,
        target,
        [...channel.members].map(([userId, roles]) => ({
          userId,
          displayName: options.members.find((m) => m.userId.toLowerCase() === userId)!.displayName,
          roles,
        })),
      );
    }
    if (req.method !== 'POST') {
      status(405);
      return error(res, 405, 'MethodNotAllowed', `${req.method} ${target.pathname}`);
    }
    if (channel.membershipType === 'standard') {
      status(400);
      return error(res, 400, 'BadRequest', 'Adding members is supported only for private and shared channels.');
    }
    const bound = boundUser(JSON.parse(await readBody(req)) as MemberBody);
    if ('problem' in bound) {
      status(400);
      return error(res, 400, 'BadRequest', bound.problem);
    }
    if (channel.members.has(bound.userId)) {
      status(409);
      return error(res, 409, 'Conflict', 'The user is already a member of the channel.');
    }
    channel.members.set(bound.userId, []);
    status(201);
    if (held()) return;
    return json(res, 201, { '@odata.type': '#microsoft.graph.aadUserConversationMember', userId: bound.userId, roles: [] });
  }

  /** GET a channel's posts (newest first) or a thread's replies, $top at most 50, paged. */
  function channelMessages(res: ServerResponse, status: (code: number) => void, target: URL, channelId: string, replyTo: string | undefined) {
    if (!messagesReadable) {
      status(403);
      return error(res, 403, 'Forbidden', "Missing role permissions on the request. API requires one of 'ChannelMessage.Read.Group, ChannelMessage.Read.All'.");
    }
    const top = Number(target.searchParams.get('$top') ?? 20);
    if (!Number.isInteger(top) || top < 1 || top > 50) {
      status(400);
      return error(res, 400, 'BadRequest', 'Invalid page size: $top is between 1 and 50.');
    }
    const all = (options.messagesOf?.(channelId, replyTo) ?? []).toSorted((a, b) => b.at - a.at);
    const start = Number(target.searchParams.get('$skiptoken') ?? 0);
    const value = all.slice(start, start + top).map((m) => ({
      id: m.id,
      replyToId: replyTo ?? null,
      messageType: 'message',
      createdDateTime: new Date(m.at).toISOString(),
      lastModifiedDateTime: new Date(m.at).toISOString(),
      deletedDateTime: null,
      from: {
        user: null,
        application: {
          '@odata.type': '#microsoft.graph.teamworkApplicationIdentity',
          id: options.appId,
          displayName: 'crisisroom',
          applicationIdentityType: 'bot',
        },
      },
      // Teams keeps a post's text, not the markup it was sent with.
      body: { contentType: 'html', content: m.html.replaceAll('<b>', '<strong>').replaceAll('</b>', '</strong>').replaceAll('<br>', '<br/>') },
      attachments: m.attachments.map((a, i) => ({
        id: String(i),
        contentType: a.contentType,
        contentUrl: null,
        content: a.content,
        name: null,
        thumbnailUrl: null,
      })),
    }));
    const next = start + top < all.length ? { '@odata.nextLink': `${url}${target.pathname}?$top=${top}&$skiptoken=${start + top}` } : {};
    status(200);
    return json(res, 200, { '@odata.count': value.length, value, ...next });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, status: (code: number) => void) {
    const target = new URL(req.url ?? '/', url);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || options.audienceOf(bearer) !== url) {
      status(401);
      return error(res, 401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    }
    const at = failures.findIndex((f) => f.method === undefined || f.method === req.method);
    if (at >= 0) {
      const [failure] = failures.splice(at, 1) as [Failure];
      status(failure.status);
      return error(
        res,
        failure.status,
        failure.code ?? 'TooManyRequests',
        'Injected failure.',
        failure.retryAfter ? { 'retry-after': failure.retryAfter } : {},
      );
    }
    const team = /^\/v1\.0\/teams\/([^/]+)\/(channels|members)(?:\/([^/]+)\/(members|messages)(?:\/([^/]+)\/replies)?)?$/.exec(target.pathname);
    if (!team || decodeURIComponent(team[1]!) !== options.teamId) {
      status(404);
      return error(res, 404, 'NotFound', `No team found with Group Id ${team?.[1] ?? '(none)'}`);
    }
    if (!consented) {
      status(403);
      return error(res, 403, 'Forbidden', "Missing role permissions on the request. API requires one of 'Channel.Create.Group, Channel.Create'.");
    }
    if (team[4] === 'messages' && req.method === 'GET')
      return channelMessages(res, status, target, decodeURIComponent(team[3]!), team[5] ? decodeURIComponent(team[5]) : undefined);
    if (team[4] === 'members') return channelMembers(req, res, status, target, decodeURIComponent(team[3]!));
    if (team[2] === 'members' && req.method === 'GET')
      return page(
        res,
        status,
        target,
        options.members.map((m) => ({ ...m, roles: [] })),
      );
    if (team[2] === 'channels' && !team[3] && req.method === 'GET') {
      status(200);
      return json(res, 200, {
        '@odata.count': channels.length,
        value: channels.map((c) => ({ id: c.id, displayName: c.displayName, description: c.description, membershipType: c.membershipType })),
      });
    }
    if (team[2] === 'channels' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as { displayName?: string; description?: string; membershipType?: string; members?: MemberBody[] };
      const name = body.displayName ?? '';
      if (!name || name.length > 50 || /[~#%&*{}+/\\:<>?|'",]|\.\./.test(name)) {
        status(400);
        return error(res, 400, 'BadRequest', `Invalid channel display name "${name}".`);
      }
      if (channels.some((c) => c.displayName.toLowerCase() === name.toLowerCase())) {
        status(409);
        return error(res, 409, 'NameAlreadyExists', 'Channel name already existed, please use other name.');
      }
      const membershipType = body.membershipType ?? 'standard';
      const members = new Map<string, string[]>();
      if (membershipType === 'private') {
        for (const member of body.members ?? []) {
          const bound = boundUser(member);
          if ('problem' in bound) {
            status(400);
            return error(res, 400, 'BadRequest', bound.problem);
          }
          members.set(bound.userId, member.roles ?? []);
        }
        if (![...members.values()].some((roles) => roles.includes('owner'))) {
          status(400);
          return error(res, 400, 'BadRequest', 'A private channel created with application permissions needs a member with the owner role.');
        }
      } else if (body.members) {
        status(400);
        return error(res, 400, 'BadRequest', 'Members can be given only for private and shared channels.');
      }
      // Channels made here are told apart from the fixed ones of the tests by their `19:room` prefix.
      const channel = {
        id: `19:room${randomBytes(14).toString('hex')}@thread.tacv2`,
        displayName: name,
        description: body.description ?? '',
        membershipType,
        members,
      };
      channels.push(channel);
      status(201);
      if (answersToLose > 0) {
        answersToLose--;
        return res.socket?.destroy();
      }
      if (held()) return;
      return json(res, 201, { ...channel, webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(channel.id)}` });
    }
    status(405);
    return error(res, 405, 'MethodNotAllowed', `${req.method} ${target.pathname}`);
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    handle(req, res, (code) => requests.push({ method: req.method ?? '', path, status: code })).catch((e: unknown) =>
      error(res, 500, 'InternalServerError', String(e)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** GRAPH_API_URL; the scope of its tokens is "<url>/.default". */
    url,
    channels,
    requests,
    /** A channel the team already has (so a new one of that name conflicts). */
    addChannel: (displayName: string) =>
      channels.push({ id: `19:${randomBytes(16).toString('hex')}@thread.tacv2`, displayName, description: '', membershipType: 'standard', members: new Map() }),
    /** Whether the team's owner granted the app's resource-specific permissions. */
    setConsent: (granted: boolean) => {
      consented = granted;
    },
    /** Whether Graph lets the app read channel messages (a protected API Microsoft may not have enabled). */
    setMessagesReadable: (readable: boolean) => {
      messagesReadable = readable;
    },
    failNext: (...next: Failure[]) => failures.push(...next),
    /** The next channel or channel member created is created, and its answer never given. */
    holdNextCreation: () => {
      answersToHold++;
    },
    /** The next channel created is created, and its answer is lost. */
    loseNextCreation: () => {
      answersToLose++;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeGraph = Awaited<ReturnType<typeof startFakeGraph>>;
