import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTeamsRateLimits } from './rate-limits.ts';

export interface ReceivedActivity {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The activity replied to or updated, from the path or the body's replyToId. */
  replyToId: string | undefined;
  activityId: string;
  body: Record<string, unknown>;
  /** When the connector stored it (ms since the epoch). */
  at: number;
}

/** A message as Teams stores it in a channel: what Graph reads back. */
export interface StoredMessage {
  id: string;
  at: number;
  html: string;
  /** A card's attachments, each card as JSON text, as Graph gives them. */
  attachments: { contentType: string; content: string }[];
}

export interface FakeMember {
  id: string;
  aadObjectId: string;
  name: string;
}

/**
 * A fake Bot Connector and, beside it, a fake Entra ID token endpoint (client-credentials grant).
 * The connector takes only bearer tokens the token endpoint issued; it records every activity it is
 * sent and can be told to answer the next calls with an error (429 with Retry-After, 5xx).
 */
export async function startFakeConnector(options: {
  appId: string;
  appPassword: string;
  members?: FakeMember[];
  /** Teams' rate limits (429 beyond them), with the tenant-wide one; off unless asked for. */
  rateLimits?: { tenantPerSecond?: number };
  /** Teams' bad moments at this rate: half fail (500) before storing a post, half lose the answer after. */
  transientFailureRate?: number;
}) {
  /** Every token issued, with the audience it is for: the Bot Connector's, or Graph's. */
  const issued = new Map<string, string>();
  const botFramework = 'https://api.botframework.com';
  const conversationFailures = new Map<string, { status: number; code: string; retryAfter?: string; times: number }>();
  /** Conversations whose next posts are stored and then lose their answer (the connection drops). */
  const lostAnswers = new Map<string, number>();
  /** Conversations whose next posts (after skipping some) are stored and never answered: the caller waits until it is killed. */
  const heldAnswers = new Map<string, { skip: number; times: number }>();
  const limits = options.rateLimits ? createTeamsRateLimits(options.rateLimits) : undefined;
  let transient: 'fail' | 'lose' | undefined;
  /** Conversations whose next calls are never answered, and not acted on. */
  const hangs = new Map<string, number>();
  const secret = randomBytes(32);
  const received: ReceivedActivity[] = [];
  const refused: { path: string; status: number }[] = [];
  const failures: { status: number; retryAfter?: string }[] = [];
  const tokenRequests: { clientId: string | null; scope: string | null; ok: boolean }[] = [];
  const conversations: { id: string; body: unknown }[] = [];

  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

  async function token(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    const ok = form.get('grant_type') === 'client_credentials' && form.get('client_id') === options.appId && form.get('client_secret') === options.appPassword;
    tokenRequests.push({ clientId: form.get('client_id'), scope: form.get('scope'), ok });
    if (!ok) return json(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
    // Entra issues JWTs, and the Teams SDK reads the claims of the tokens it is given. The audience is
    // the resource the scope names: "<resource>/.default".
    const audience = (form.get('scope') ?? `${botFramework}/.default`).replace(/\/\.default$/, '');
    const accessToken = await new SignJWT({ appid: options.appId, jti: randomUUID() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('https://login.microsoftonline.com/fake-token-endpoint/v2.0')
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
    issued.set(accessToken, audience);
    return json(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
  }

  function loseAnswer(conversationId: string): boolean {
    if (transient === 'lose') return true;
    const prefix = [...lostAnswers].find(([p, times]) => times > 0 && conversationId.startsWith(p))?.[0];
    if (prefix === undefined) return false;
    lostAnswers.set(prefix, lostAnswers.get(prefix)! - 1);
    return true;
  }

  /** A post as it reads now: its text, or its last edit's. */
  function stored(post: ReceivedActivity, conversationId: string): StoredMessage {
    const edit = received.findLast((r) => r.method === 'PUT' && r.conversationId === conversationId && r.activityId === post.activityId);
    const body = (edit ?? post).body;
    const cards = ((body.attachments ?? []) as { contentType: string; content: unknown }[]).map((a) => ({
      contentType: a.contentType,
      content: JSON.stringify(a.content),
    }));
    // Teams shows a card's place in the message body by a reference to the attachment.
    const html = typeof body.text === 'string' ? body.text : cards.map((_, i) => `<attachment id="${i}"></attachment>`).join('');
    return { id: post.activityId, at: post.at, html, attachments: cards };
  }

  async function connector(req: IncomingMessage, res: ServerResponse, path: string) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || issued.get(bearer) !== botFramework) {
      refused.push({ path, status: 401 });
      return json(res, 401, { message: 'Authorization has been denied for this request.' });
    }
    const failure = failures.shift();
    if (failure) {
      refused.push({ path, status: failure.status });
      return json(
        res,
        failure.status,
        { error: { code: 'Throttled', message: 'injected failure' } },
        failure.retryAfter ? { 'retry-after': failure.retryAfter } : {},
      );
    }
    const text = await readBody(req);
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const target = /^\/v3\/conversations\/([^/]+)/.exec(path)?.[1];
    const channelOfNew = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    const injected = [...conversationFailures].find(([prefix]) => (target ? decodeURIComponent(target) : (channelOfNew ?? '')).startsWith(prefix))?.[1];
    const hang = [...hangs].find(([prefix, times]) => times > 0 && (target ? decodeURIComponent(target) : (channelOfNew ?? '')).startsWith(prefix))?.[0];
    if (hang !== undefined) {
      hangs.set(hang, hangs.get(hang)! - 1);
      refused.push({ path, status: 0 });
      return;
    }
    const acting = req.method === 'PUT' || (req.method === 'POST' && (Boolean(channelOfNew) || /\/activities/.test(path)));
    if (acting && limits && !limits.take(target ? decodeURIComponent(target) : (channelOfNew ?? ''))) {
      refused.push({ path, status: 429 });
      return json(res, 429, { error: { code: 'Throttled', message: 'Too many requests' } });
    }
    transient = acting && options.transientFailureRate && Math.random() < options.transientFailureRate ? (Math.random() < 0.5 ? 'fail' : 'lose') : undefined;
    if (transient === 'fail') {
      refused.push({ path, status: 500 });
      return json(res, 500, { error: { code: 'ServiceError', message: 'transient failure' } });
    }
    if (injected && injected.times-- > 0) {
      refused.push({ path, status: injected.status });
      return json(
        res,
        injected.status,
        { error: { code: injected.code, message: 'injected failure' } },
        injected.retryAfter ? { 'retry-after': injected.retryAfter } : {},
      );
    }
    if (req.method === 'POST' && path === '/v3/conversations' && channelOfNew) {
      // A new post in a channel: its thread's conversation id names the post.
      const activityId = `${Date.now()}${received.length}`;
      received.push({
        method: 'POST',
        conversationId: channelOfNew,
        replyToId: undefined,
        activityId,
        body: body.activity as Record<string, unknown>,
        at: Date.now(),
      });
      if (loseAnswer(channelOfNew)) return res.socket?.destroy();
      return json(res, 201, { id: `${channelOfNew};messageid=${activityId}`, activityId });
    }
    if (req.method === 'POST' && path === '/v3/conversations') {
      const id = `a:fake-conversation-${conversations.length + 1}`;
      conversations.push({ id, body });
      return json(res, 201, { id, activityId: randomUUID() });
    }
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    if (member && req.method === 'GET') {
      const found = options.members?.find((m) => m.id === decodeURIComponent(member[2]!));
      return found
        ? json(res, 200, { ...found, userPrincipalName: `${found.name}@example.com` })
        : json(res, 404, { error: { code: 'MemberNotFoundInConversation' } });
    }
    if (req.method === 'GET' && /^\/v3\/conversations\/[^/]+\/members$/.test(path)) {
      return json(
        res,
        200,
        (options.members ?? []).map((m) => ({ ...m, userPrincipalName: `${m.name}@example.com` })),
      );
    }
    const activity = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (activity && (req.method === 'POST' || req.method === 'PUT')) {
      const conversationId = decodeURIComponent(activity[1]!);
      const pathId = activity[2] ? decodeURIComponent(activity[2]) : undefined;
      const activityId = req.method === 'PUT' ? pathId! : `${Date.now()}${received.length}`;
      const replyToId = req.method === 'PUT' ? pathId : (pathId ?? (typeof body.replyToId === 'string' ? body.replyToId : undefined));
      received.push({ method: req.method, conversationId, replyToId, activityId, body, at: Date.now() });
      if (req.method === 'POST' && loseAnswer(conversationId)) return res.socket?.destroy();
      const held = req.method === 'POST' ? [...heldAnswers].find(([prefix, hold]) => hold.times > 0 && conversationId.startsWith(prefix))?.[1] : undefined;
      if (held && held.skip-- <= 0 && held.times-- > 0) return;
      return json(res, req.method === 'PUT' ? 200 : 201, { id: activityId });
    }
    return json(res, 404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const work = path.endsWith('/oauth2/v2.0/token') && req.method === 'POST' ? token(req, res) : connector(req, res, path.replace(/^\/teams(?=\/)/, ''));
    work.catch((error: unknown) => json(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** The service URL activities name: replies come back here. */
    serviceUrl: `${url}/teams/`,
    tokenUrl: `${url}/botframework.com/oauth2/v2.0/token`,
    received,
    refused,
    tokenRequests,
    conversations,
    /** The next calls are answered with these errors, in order. */
    failNext: (...next: { status: number; retryAfter?: string }[]) => failures.push(...next),
    /** The next `times` calls (default: all) to a conversation starting with this id fail so (bot removed: 403; gone: 404). */
    failConversation: (conversationId: string, failure: { status: number; code: string; retryAfter?: string }, times = Infinity) =>
      conversationFailures.set(conversationId, { ...failure, times }),
    /** The next `times` calls to a conversation starting with this id are never answered (nor acted on). */
    hangNext: (conversationId: string, times: number) => hangs.set(conversationId, times),
    /** After `skip` posts answered, the next `times` posts to a conversation starting with this id are stored, and never answered. */
    holdAnswers: (conversationId: string, times: number, skip = 0) => heldAnswers.set(conversationId, { skip, times }),
    /** The next `times` posts to a conversation starting with this id are stored, and their answer is lost. */
    loseAnswers: (conversationId: string, times: number) => lostAnswers.set(conversationId, times),
    /** What the channel holds, as Graph reads it: its posts, or the replies in one post's thread. */
    messagesOf: (channelId: string, replyTo?: string): StoredMessage[] =>
      replyTo
        ? received.filter((r) => r.method === 'POST' && r.conversationId === `${channelId};messageid=${replyTo}`).map((r) => stored(r, r.conversationId))
        : received.filter((r) => r.method === 'POST' && r.conversationId === channelId && r.replyToId === undefined).map((r) => stored(r, channelId)),
    /** The audience of a token this endpoint issued (undefined for any other): what the fake Graph checks. */
    audienceOf: (token: string) => issued.get(token),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type FakeConnector = Awaited<ReturnType<typeof startFakeConnector>>;
