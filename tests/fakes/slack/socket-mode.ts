// A fake Socket Mode endpoint on 127.0.0.1: apps.connections.open for the app-level token, and the WebSocket it
// hands out, over which a test pushes envelopes as Slack would and waits for the app's acknowledgements.
// The bot-token Web API stays with server.ts; only the socket-mode client is pointed here.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { type Reply, fail, ok } from './workspace.ts';

type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface FakeSocketModeOptions {
  /** The app-level token (xapp-…) apps.connections.open expects as `Authorization: Bearer …`. */
  appToken: string;
  /** hello's connection_info.app_id; default A0FAKEAPP01, the api_app_id slashCommandPayload puts in. */
  appId?: string;
}

interface SendOptions {
  /** Marks a redelivery, as Slack does when an earlier delivery went unacknowledged. */
  retryAttempt?: number;
  /** Sent with retryAttempt; default http_timeout. */
  retryReason?: string;
  /** Default: true for slash commands and for the interactions whose ack can answer them, false otherwise. */
  acceptsResponsePayload?: boolean;
  /** Covers waiting for a connection as well as for the ack; default 5000. */
  timeoutMs?: number;
}

/** What the client sent back: @slack/socket-mode always includes `payload`, `{}` for a bare ack(). */
interface Acknowledgement {
  envelope_id: string;
  payload?: unknown;
}

interface Delivery {
  envelopeId: string;
  ack: Acknowledgement;
  /** Milliseconds from the envelope going out to its acknowledgement arriving. */
  ms: number;
}

export interface FakeSocketMode {
  /** The slackApiUrl for the socket-mode client, ending in /api/. */
  readonly apiUrl: string;
  /** Open WebSocket connections, counting any told to disconnect that the client has not closed yet. */
  readonly connections: number;
  /** Successful apps.connections.open calls. */
  readonly opens: number;
  /** Resolves once a connection has been sent its hello and has not been told to disconnect; default timeout 10 s. */
  connected(timeoutMs?: number): Promise<void>;
  /** Pushes an envelope to the newest connection; an interactive payload goes as the object it is, not form-encoded. */
  send(type: EnvelopeType, payload: object, opts?: SendOptions): Promise<Delivery>;
  /** Sends every connection a disconnect message, as Slack does before recycling the server holding it. */
  disconnectAll(reason?: string): void;
  close(): Promise<void>;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

/** Interactions whose acknowledgement can carry Slack's answer (response_action, options). */
const ANSWERABLE_INTERACTIONS = new Set(['view_submission', 'block_suggestion']);

const acceptsResponse = (type: EnvelopeType, payload: object): boolean =>
  type === 'slash_commands' || (type === 'interactive' && ANSWERABLE_INTERACTIONS.has(String((payload as { type?: unknown }).type)));

export { slashCommandPayload } from './signed-request.ts';

/** A promise that rejects after `ms` unless settled first; `settle` clears the timer either way. */
function deadline<T>(ms: number, message: string, waiters: Set<Waiter<T>>, start: (waiter: Waiter<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const waiter: Waiter<T> = {
      resolve: (value) => settle(() => resolve(value)),
      reject: (error) => settle(() => reject(error)),
    };
    const timer = setTimeout(() => waiter.reject(new Error(message)), ms);
    function settle(then: () => void): void {
      clearTimeout(timer);
      waiters.delete(waiter);
      then();
    }
    waiters.add(waiter);
    start(waiter);
  });
}

export async function startFakeSocketMode(options: FakeSocketModeOptions): Promise<FakeSocketMode> {
  const appId = options.appId ?? 'A0FAKEAPP01';
  const tickets = new Set<string>();
  const open = new Set<WebSocket>();
  /** Connections Slack would still deliver to: greeted, and not told to disconnect. */
  const live = new Set<WebSocket>();
  const connectWaiters = new Set<Waiter<void>>();
  const ackWaiters = new Set<Waiter<Acknowledgement>>();
  const pending = new Map<string, Waiter<Acknowledgement>>();
  let opens = 0;

  function connectionsOpen(req: IncomingMessage): Reply {
    // Slack refuses the app-level token in the body for this method; only the header counts.
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return fail('not_authed');
    if (bearer !== options.appToken) return fail('invalid_auth');
    const ticket = randomUUID();
    tickets.add(ticket);
    opens += 1;
    return ok({ url: `ws://${host}/link/?ticket=${ticket}&app_id=${appId}` });
  }

  function api(req: IncomingMessage, res: ServerResponse): void {
    const { pathname } = new URL(req.url ?? '/', `http://${host}`);
    if (!pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = pathname.slice('/api/'.length);
    const reply = method === 'apps.connections.open' ? connectionsOpen(req) : fail('unknown_method', { req_method: method });
    res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.body));
  }

  function acknowledged(data: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(data.toString('utf8'));
    } catch {
      return;
    }
    const id = (message as { envelope_id?: unknown } | null)?.envelope_id;
    if (typeof id === 'string') pending.get(id)?.resolve(message as Acknowledgement);
  }

  function accept(ws: WebSocket): void {
    open.add(ws);
    // 'close' always follows 'error', and without a listener ws would throw the error instead.
    ws.on('error', () => {});
    ws.on('close', () => {
      open.delete(ws);
      live.delete(ws);
    });
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) acknowledged(data);
    });
    const hello = {
      type: 'hello',
      num_connections: live.size + 1,
      debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: appId },
    };
    ws.send(JSON.stringify(hello), (error) => {
      if (error || ws.readyState !== ws.OPEN) return;
      live.add(ws);
      for (const waiter of connectWaiters) waiter.resolve();
    });
  }

  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => api(req, res));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    // Each URL admits one connection, so a client that redials an old URL instead of asking again is caught.
    if (url.pathname !== '/link/' || !tickets.delete(url.searchParams.get('ticket') ?? '')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, accept);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  const connected = (timeoutMs = 10_000): Promise<void> =>
    live.size > 0 ? Promise.resolve() : deadline(timeoutMs, `no Socket Mode client connected within ${timeoutMs} ms`, connectWaiters, () => {});

  async function send(type: EnvelopeType, payload: object, opts: SendOptions = {}): Promise<Delivery> {
    const timeoutMs = opts.timeoutMs ?? 5_000;
    const started = performance.now();
    await connected(timeoutMs);
    const ws = [...live].at(-1);
    if (!ws) throw new Error('the Socket Mode connection closed before the envelope could be sent');
    const envelopeId = randomUUID();
    const retry =
      opts.retryAttempt !== undefined
        ? { retry_attempt: opts.retryAttempt, retry_reason: opts.retryReason ?? 'http_timeout' }
        : type === 'events_api'
          ? { retry_attempt: 0, retry_reason: '' }
          : {};
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: opts.acceptsResponsePayload ?? acceptsResponse(type, payload),
      ...retry,
    };
    const remaining = Math.max(0, timeoutMs - (performance.now() - started));
    let sentAt = 0;
    const ack = await deadline(remaining, `envelope ${envelopeId} (${type}) was not acknowledged within ${timeoutMs} ms`, ackWaiters, (waiter) => {
      pending.set(envelopeId, waiter);
      sentAt = performance.now();
      ws.send(JSON.stringify(envelope));
    }).finally(() => pending.delete(envelopeId));
    return { envelopeId, ack, ms: performance.now() - sentAt };
  }

  return {
    apiUrl: `http://${host}/api/`,
    get connections() {
      return open.size;
    },
    get opens() {
      return opens;
    },
    connected,
    send,
    disconnectAll: (reason = 'refresh_requested') => {
      for (const ws of open) {
        live.delete(ws);
        ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } }));
      }
    },
    close: () => {
      const closed = new Error('the fake Socket Mode server closed');
      for (const waiter of [...connectWaiters, ...ackWaiters]) waiter.reject(closed);
      for (const ws of open) ws.terminate();
      wss.close();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
