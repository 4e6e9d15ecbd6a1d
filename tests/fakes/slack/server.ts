// A fake Slack Web API on 127.0.0.1: point WebClient's slackApiUrl (or Bolt's clientOptions.slackApiUrl)
// at `url`, then read back what "Slack" saw.
import { text } from 'node:stream/consumers';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatMethods } from './chat.ts';
import { conversationMethods } from './conversations.ts';
import { historyMethods } from './history.ts';
import { scopesHeader } from './scopes.ts';
import { userMethods } from './users.ts';
import { viewMethods } from './views.ts';
import {
  type Args,
  type ChannelState,
  type Ephemeral,
  type FakeSlackOptions,
  type Handler,
  type OpenedView,
  type Reply,
  type StoredMessage,
  Workspace,
  fail,
} from './workspace.ts';

export type { FakeSlackOptions, StoredMessage } from './workspace.ts';

interface RecordedCall {
  method: string;
  /** Decoded arguments, JSON-valued fields parsed; a `token` argument is left out. */
  args: Args;
  /** performance.now() when the request arrived. */
  at: number;
}

interface ResponsePost {
  url: string;
  body: unknown;
  at: number;
}

/** `lose`: Slack does the work, then the connection drops before the response (the caller cannot tell). */
/** A 429's Retry-After is 1 s unless given; null sends none, as a proxy in front of Slack may. */
/** `lose` does the call and drops the connection; `stall` does it and never answers (the caller may die waiting). */
export type Failure = { error: string } | { status: number; retryAfter?: number | null } | { hang: true } | { lose: true } | { stall: true };

export interface FakeSlack {
  /** The slackApiUrl, ending in /api/. */
  readonly url: string;
  readonly calls: readonly RecordedCall[];
  readonly ephemerals: readonly Ephemeral[];
  readonly views: readonly OpenedView[];
  readonly responses: readonly ResponsePost[];
  /** The channels, messages and pins inspectors take a channel id or name; they return copies. */
  channel(idOrName: string): ChannelState | undefined;
  /** Top-level messages and thread replies, oldest first. */
  messages(channel: string): StoredMessage[];
  /** The replies in one thread, without its parent. */
  replies(channel: string, threadTs: string): StoredMessage[];
  /** Timestamps of the pinned messages, in pinning order. */
  pins(channel: string): string[];
  /** A fresh response_url, as Slack puts in slash commands and interactions. */
  responseUrl(): string;
  /** Stores a message a person typed; returns its ts. */
  userMessage(channel: string, userId: string, text: string, threadTs?: string): string;
  archive(channel: string): void;
  /** Queues a failure for the next call of `method`; several calls queue several failures. */
  failNext(method: string, failure: Failure): void;
  /** Back to the starting workspace, with no calls, messages, views, responses or queued failures. */
  reset(): void;
  close(): Promise<void>;
}

const methods: Record<string, Handler> = { ...userMethods, ...conversationMethods, ...historyMethods, ...chatMethods, ...viewMethods };

/** WebClient sends objects and arrays as JSON strings inside the form. */
const JSON_FIELDS = ['blocks', 'attachments', 'metadata', 'view'];

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

function parseJsonFields(args: Args): Args {
  for (const key of JSON_FIELDS) {
    const value = args[key];
    if (typeof value !== 'string') continue;
    try {
      args[key] = JSON.parse(value);
    } catch {
      // Left as the string it was, for the method to refuse as Slack would.
    }
  }
  return args;
}

/** Arguments and any token sent in the body; Slack reads a token from form bodies only, never from JSON. */
function decode(raw: string, req: IncomingMessage, query: URLSearchParams): { args: Args; bodyToken?: string } | Reply {
  const args: Args = Object.fromEntries(query);
  const json = (req.headers['content-type'] ?? '').startsWith('application/json');
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw || '{}');
    } catch {
      return fail('invalid_json');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail('json_not_object');
    Object.assign(args, parsed);
  } else {
    Object.assign(args, Object.fromEntries(new URLSearchParams(raw)));
  }
  const bodyToken = !json && typeof args.token === 'string' ? args.token : undefined;
  delete args.token;
  return { args: parseJsonFields(args), ...(bodyToken ? { bodyToken } : {}) };
}

function failureReply(failure: Exclude<Failure, { hang: true } | { lose: true } | { stall: true }>): Reply {
  if ('error' in failure) return fail(failure.error);
  if (failure.status === 429) {
    return {
      status: 429,
      headers: failure.retryAfter === null ? {} : { 'Retry-After': String(failure.retryAfter ?? 1) },
      body: { ok: false, error: 'ratelimited' },
    };
  }
  return { status: failure.status, body: { ok: false, error: 'fatal_error' } };
}

export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  let ws = new Workspace(options);
  const calls: RecordedCall[] = [];
  const responses: ResponsePost[] = [];
  const responseIds = new Set<string>();
  const failures = new Map<string, Failure[]>();

  const existing = (idOrName: string): ChannelState => {
    const channel = ws.channel(idOrName, true);
    if (!channel) throw new Error(`the fake Slack has no channel ${idOrName}`);
    return channel;
  };

  async function api(method: string, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const decoded = decode(await text(req), req, query);
    calls.push({ method, args: 'args' in decoded ? decoded.args : {}, at: performance.now() });
    if (!('args' in decoded)) return send(res, decoded);
    const failure = failures.get(method)?.shift();
    if (failure && 'hang' in failure) return;
    if (failure && !('lose' in failure) && !('stall' in failure)) return send(res, failureReply(failure));
    const handler = methods[method];
    if (!handler) return send(res, fail('unknown_method', { req_method: method }));
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? decoded.bodyToken;
    if (!token) return send(res, fail('not_authed'));
    if (token !== options.token) return send(res, fail('invalid_auth'));
    const reply = handler(ws, decoded.args);
    if (failure && 'stall' in failure) return;
    if (failure || reply.drop) {
      res.socket?.destroy();
      return;
    }
    send(res, { ...reply, headers: { ...scopesHeader(options.scopes), ...reply.headers } });
  }

  async function respond(id: string, req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    const raw = await text(req);
    if (!responseIds.has(id)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no_service');
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('invalid_payload');
      return;
    }
    // failNext('response_url', …) makes a response URL hang or fail as Slack's own may.
    const failure = failures.get('response_url')?.shift();
    if (failure && 'hang' in failure) return;
    if (failure && !('lose' in failure) && !('stall' in failure)) return send(res, failureReply(failure));
    responses.push({ url, body, at: performance.now() });
    if (failure && 'stall' in failure) return;
    if (failure) {
      res.socket?.destroy();
      return;
    }
    send(res, { status: 200, body: { ok: true } });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) return api(url.pathname.slice('/api/'.length), req, res, url.searchParams);
    if (url.pathname.startsWith('/respond/') && req.method === 'POST') {
      return respond(url.pathname.slice('/respond/'.length), req, res, `${origin}${url.pathname}`);
    }
    res.writeHead(404).end();
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/api/`,
    get calls() {
      return calls;
    },
    get ephemerals() {
      return ws.ephemerals;
    },
    get views() {
      return ws.views;
    },
    get responses() {
      return responses;
    },
    channel: (idOrName) => structuredClone(ws.channel(idOrName, true)),
    messages: (channel) => structuredClone(ws.messages.get(existing(channel).id)!),
    replies: (channel, threadTs) => structuredClone(ws.messages.get(existing(channel).id)!.filter((m) => m.thread_ts === threadTs && m.ts !== threadTs)),
    pins: (channel) => [...ws.pins.get(existing(channel).id)!],
    responseUrl: () => {
      const id = randomUUID();
      responseIds.add(id);
      return `${origin}/respond/${id}`;
    },
    userMessage: (channel, userId, text, threadTs) => {
      const ts = ws.nextTs();
      const message: StoredMessage = { ts, text, blocks: undefined, user: userId, metadata: undefined, unfurl_links: undefined, unfurl_media: undefined };
      ws.messages.get(existing(channel).id)!.push(threadTs ? { ...message, thread_ts: threadTs } : message);
      return ts;
    },
    archive: (channel) => {
      existing(channel).isArchived = true;
    },
    failNext: (method, failure) => {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    reset: () => {
      ws = new Workspace(options);
      calls.length = 0;
      responses.length = 0;
      failures.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung requests and idle keep-alive sockets would otherwise hold close() open forever.
        server.closeAllConnections();
      }),
  };
}
